using System.Diagnostics;
using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Bench;

/// <summary>The load benchmark of deal registration.</summary>
// dotnet run -c Release --project bench/Accrue.Bench -- registration --db sqlite|postgres
//     [--registrations 1000000] [--partners 20000] [--users 400] [--seconds 60] [--warmup 30] [--repeat 3] [--clients 16]
//     [--collisions 0.05] [--out artifacts/perf] [--smoke]
// dotnet run -c Release --project bench/Accrue.Bench -- tiers [--size S|M] (see TierBench)
// dotnet run -c Release --project bench/Accrue.Bench -- incentives [--size XS|S|M|L] (see Incentives/IncentiveBench)
static class Bench
{
    static async Task<int> Main(string[] args)
    {
        if (args is ["tiers", ..]) return TierBench.Run(args[1..]);
        if (args is ["incentives", ..]) return Incentives.IncentiveBench.Run(args[1..]);
        if (args.Length > 0 && args[0] == ClientProcess.Command) return await ClientProcess.DriveAsync(args[1..]);
        if (args.Length == 0 || args[0] != "registration")
        {
            Console.Error.WriteLine("usage: Accrue.Bench registration --db sqlite|postgres [--registrations N] [--seconds S] [--clients C] [--out DIR] [--smoke]");
            Console.Error.WriteLine("       Accrue.Bench tiers [--size S|M|L] [--repeat 7] [--builds 2]");
            Console.Error.WriteLine("       Accrue.Bench incentives [--size XS|S|M|L] [--repeat 7]");
            return 2;
        }
        var options = Options.Parse(args[1..]);
        Console.WriteLine($"Registration benchmark on {options.Database}: {options.Registrations:N0} registrations, {options.Partners:N0} partners, " +
                          $"{options.Users} partner users, {options.Clients} clients, {options.Repeat} × {options.Seconds} s after {options.Warmup} s warm-up.");

        var environment = BenchEnvironment.Capture();
        var now = DateTimeOffset.UtcNow;
        var data = new Dataset(options.Partners, options.Registrations, now);
        PostgresCluster? cluster = null;
        string? sqliteFolder = null;
        try
        {
            string provider, connectionString;
            if (options.Database == "postgres")
            {
                cluster = await PostgresCluster.StartAsync();
                (provider, connectionString) = ("postgres", cluster.ConnectionString);
            }
            else
            {
                sqliteFolder = Directory.CreateTempSubdirectory("accrue-bench-sqlite-").FullName;
                (provider, connectionString) = ("sqlite", $"Data Source={Path.Combine(sqliteFolder, "accrue.db")}");
            }

            // Set up: the app's own migrations, then the bulk load (timed apart from the measurement).
            var storage = new AccrueStorage(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
            await storage.MigrateAsync();
            var load = Stopwatch.StartNew();
            var open = new List<Deal>();
            var partners = await BulkLoad.IntoAsync(storage, connectionString, Enumerable.Range(0, data.Partners).Select(data.PartnerAt));
            var deals = await BulkLoad.IntoAsync(storage, connectionString, Enumerable.Range(0, data.Registrations).Select(i =>
            {
                var deal = data.DealAt(i);
                if (DealLifecycle.IsClaiming(deal.Status)) open.Add(deal);
                return deal;
            }));
            var opportunities = await BulkLoad.IntoAsync(storage, connectionString, Enumerable.Range(0, data.Opportunities).Select(data.OpportunityAt));
            var keys = await BulkLoad.IntoAsync(storage, connectionString, Enumerable.Range(0, data.Registrations).Select(i => data.IdempotencyRecordAt(i, data.DealAt(i))));
            var loadSeconds = load.Elapsed.TotalSeconds;
            load.Restart();
            await BulkLoad.AnalyzeAsync(storage);
            var analyzeSeconds = load.Elapsed.TotalSeconds;
            SqliteConnection.ClearAllPools();
            var shape = await DataShape.MeasureAsync(storage);
            Console.WriteLine($"Loaded {partners:N0} partners, {deals:N0} registrations ({open.Count:N0} claiming), {keys:N0} idempotency records, {opportunities:N0} pipeline opportunities " +
                              $"in {loadSeconds:F1} s; {(storage.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE")} {analyzeSeconds:F1} s.");
            Console.WriteLine($"Name blocks: {shape.Blocks:N0}; claiming registrations per block: mean {shape.MeanClaimingPerBlock:F1}, max {shape.MaxClaimingPerBlock:N0}.");

            // Run: the real app on loopback; partner users spread over big and small partners.
            await using var app = AppUnderTest.Start(provider, connectionString);
            var step = Math.Max(1, data.Partners / options.Users);
            var tokens = await app.PartnerUsersAsync([.. Enumerable.Range(0, options.Users).Select(i => Dataset.PartnerId(i * step % data.Partners))]);
            await using var driver = await ClientProcess.StartAsync(app.BaseAddress, tokens, options, now);

            var maxRequests = (long)options.Seconds * 20_000;
            int? postmaster = cluster?.Postmaster;
            var warmup = await driver.RunAsync(TimeSpan.FromSeconds(options.Warmup), maxRequests);
            Console.WriteLine($"Warm-up: {warmup.Requests:N0} requests, {warmup.RequestsPerSecond:F0}/s.");
            var windows = new List<Window>();
            for (var i = 0; i < options.Repeat; i++)
            {
                var before = CpuSample.Take(postmaster, driver.Id);
                var window = await driver.RunAsync(TimeSpan.FromSeconds(options.Seconds), maxRequests);
                window = window with { Cpu = CpuSample.Take(postmaster, driver.Id) - before };
                windows.Add(window);
                Console.WriteLine($"Window {i + 1}: {window.RequestsPerSecond:F0} req/s, p50 {window.Percentile(0.50):F1} ms, p99 {window.Percentile(0.99):F1} ms, " +
                                  $"statuses {string.Join(", ", window.Statuses.Select(s => $"{s.Key}×{s.Value}"))}, " +
                                  $"CPU ms/request {window.SelfCpuMsPerRequest:F2} app, {window.ClientsCpuMsPerRequest:F2} clients, {window.DatabaseCpuMsPerRequest:F2} PostgreSQL, " +
                                  $"others took {window.OthersCpuShare:P0} of the machine; " +
                                  $"GC: {window.AllocatedKbPerRequest:F0} KB allocated/request, paused {window.Cpu.Gc.PauseSeconds / window.Seconds:P1} of the window, " +
                                  $"collections {window.Cpu.Gc.Gen0}/{window.Cpu.Gc.Gen1}/{window.Cpu.Gc.Gen2} (gen 0/1/2)");
                foreach (var error in window.FirstErrors) Console.WriteLine($"  {error}");
            }
            var outcome = await Outcome.MeasureAsync(app);

            var report = new Report(options, environment, now, partners, deals, open.Count, opportunities, loadSeconds, analyzeSeconds, shape,
                                    tokens.Length, warmup, windows, outcome, storage.IsPostgres ? [.. PostgresCluster.Settings] : ["journal_mode=WAL (the app's)", "synchronous=FULL (default)"],
                                    await ServerVersionAsync(app));
            Console.WriteLine();
            Console.WriteLine(report.Markdown());
            var file = report.Write(options.Out);
            Console.WriteLine($"Wrote {file}");
            return windows.All(w => w.Statuses.Keys.All(s => s == 201)) ? 0 : 1;
        }
        finally
        {
            if (cluster is not null) await cluster.DisposeAsync();
            if (sqliteFolder is not null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(sqliteFolder, recursive: true);
            }
        }
    }

    static async Task<string> ServerVersionAsync(AppUnderTest app)
    {
        await using var db = app.Db();
        var sql = db.Database.IsNpgsql() ? "SELECT version() AS \"Value\"" : "SELECT 'SQLite ' || sqlite_version() AS \"Value\"";
        return await db.Database.SqlQueryRaw<string>(sql).SingleAsync();
    }
}

sealed record Options(string Database, int Registrations, int Partners, int Users, int Seconds, int Warmup, int Repeat, int Clients,
                      double Collisions, string Out, bool Smoke)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var smoke = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smoke") { smoke = true; continue; }
            if (!args[i].StartsWith("--") || i + 1 >= args.Length) throw new ArgumentException($"Unexpected argument {args[i]}.");
            values[args[i][2..]] = args[++i];
        }
        int Int(string name, int full, int small) => values.TryGetValue(name, out var v) ? int.Parse(v) : smoke ? small : full;
        var database = values.GetValueOrDefault("db", "sqlite");
        if (database is not ("sqlite" or "postgres")) throw new ArgumentException("--db is sqlite or postgres.");
        return new Options(database, Int("registrations", 1_000_000, 20_000), Int("partners", 20_000, 2_000), Int("users", 400, 100),
                           Int("seconds", 60, 10), Int("warmup", 30, 5), Int("repeat", 3, 1), Int("clients", 16, 4),
                           values.TryGetValue("collisions", out var c) ? double.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : 0.05,
                           values.GetValueOrDefault("out", "artifacts/perf"), smoke);
    }
}
