using System.Diagnostics;
using System.Globalization;

namespace Accrue.Bench.Incentives;

/// <summary>
/// The incentive calculation of docs/benchmarks.md: Accrue's engine against the hand-written
/// speed-of-light loop, DuckDB SQL, PostgreSQL SQL and microsoft/RulesEngine on identical generated
/// data, verified equal partner by partner (and the payout lines by count, sum and hash), timed in
/// interleaved repetitions.
/// </summary>
// dotnet run -c Release --project bench/Accrue.Bench -- incentives [--size XS|S|M|L] [--repeat 7] [--postgres CONNECTION]
// Without --postgres a throwaway PostgreSQL cluster is started (PostgresCluster); without PostgreSQL's binaries that peer is skipped.
public static class IncentiveBench
{
    /// <summary>The per-deal RulesEngine peer runs on this many deals at most and is extrapolated to the rest.</summary>
    const int RulesEnginePerDealDeals = 1_000_000;

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    static async Task<int> RunAsync(string[] args)
    {
        var size = Arg(args, "size", "M");
        var (partners, deals, completions) = Size(size);
        var repeat = int.Parse(Arg(args, "repeat", "7"), CultureInfo.InvariantCulture);
        var environment = BenchEnvironment.Capture();
        Console.WriteLine($"Incentive calculation benchmark, size {size}: {partners:N0} partners, {deals:N0} deals, {completions:N0} training completions.");
        Console.WriteLine($"{environment.Processors} cores, {environment.Cpu}, {environment.Runtime}, {environment.Os}, git {environment.GitSha}, load {environment.LoadAverageAtStart}");

        var clock = Stopwatch.StartNew();
        var data = new IncentiveDataset(partners, deals, completions);
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:F1} s.");
        clock.Restart();
        var hand = new HandLoop(data);
        var handIngest = clock.Elapsed.TotalMilliseconds;
        var budget = CashBudget(hand);
        clock.Restart();
        var engine = new EnginePeer(data, budget);
        var engineIngest = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"Ingest: hand loop {handIngest:F0} ms (group by partner); engine {engineIngest:F0} ms (ProgramFacts.Build and IncentiveFacts.Build from rows).");

        clock.Restart();
        using var duck = new DuckDbPeer(data, budget);
        Console.WriteLine($"DuckDB {duck.Version}: Appender load {clock.Elapsed.TotalMilliseconds:F0} ms.");
        var (postgres, cluster) = await StartPostgres(Arg(args, "postgres", ""), data, budget);
        await using var _ = cluster;
        using var __ = postgres;
        var rules = new RulesEnginePeer();

        var expected = hand.Calculate(budget, 1);
        var outcomes = new List<(string Peer, PartnerResult[] Results)> { ("engine", Engine(engine, 1, partners)), ("DuckDB", duck.Calculate(1)) };
        if (postgres is not null) outcomes.Add(("PostgreSQL", postgres.Calculate(0)));
        outcomes.Add(("RulesEngine per partner", rules.PerPartner(hand, partners, budget)));
        var mismatches = outcomes.SelectMany(o => Compare(expected, o.Results).Select(m => $"{o.Peer}: {m}")).ToList();

        // Per deal, RulesEngine runs on a prefix of the deals; the hand loop on the same prefix is its reference.
        var head = data.Head(RulesEnginePerDealDeals);
        var headHand = new HandLoop(head);
        rules.PerDeal(data.Head(10_000), headHand, null);   // warm-up: compiles the expressions
        clock.Restart();
        var perDeal = rules.PerDeal(head, headHand, null);
        var perDealMs = clock.Elapsed.TotalMilliseconds;
        mismatches.AddRange(Compare(headHand.Calculate(null, 1), perDeal).Select(m => $"RulesEngine per deal (first {head.Deals:N0} deals): {m}"));

        foreach (var m in mismatches.Take(3)) Console.WriteLine("MISMATCH " + m);
        if (mismatches.Count > 0)
        {
            Console.WriteLine($"{mismatches.Count} partner result(s) differ from the hand loop; no timing is reported.");
            return 1;
        }
        Console.WriteLine($"Verified: {string.Join(", ", outcomes.Select(o => o.Peer))} and the hand loop agree on all {partners:N0} partners " +
                          $"(tier, rebate, SPIFFs, growth bonus, total after the cash budget of {budget / 100:N0} USD); RulesEngine per deal agrees with the " +
                          $"hand loop on the first {head.Deals:N0} deals.{(postgres is null ? " PostgreSQL: skipped (no postgres)." : "")}");
        Console.WriteLine("Payout lines (partner, component, amount > 0), count / sum / XxHash64 of the sorted tuples:");
        foreach (var (peer, results) in outcomes.Prepend(("hand loop", expected)))
            Console.WriteLine($"  {peer}: {PayoutLines.Digest(results)}");
        Console.WriteLine("Tiers: " + string.Join(", ", expected.GroupBy(r => r.Tier).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count():N0}")) +
                          $"; partners paid a rebate {expected.Count(r => r.Rebate > 0):N0}, a SPIFF {expected.Count(r => r.Spiff > 0):N0}, " +
                          $"a growth bonus {expected.Count(r => r.Bonus > 0):N0}; paid in all {expected.Sum(r => r.ProratedTotal) / 100m:N2} USD.");

        var tiers = engine.Run(2).Tiers;
        (string Name, int Threads, Action Run)[] peers =
        [
            ("engine (tiers + incentives)", 1, () => engine.Run(1)), ("engine (tiers + incentives)", 2, () => engine.Run(2)),
            ("hand-written loop", 1, () => hand.Calculate(budget, 1)), ("hand-written loop", 2, () => hand.Calculate(budget, 2)),
            ("engine: incentives alone, tiers given", 1, () => engine.Calculate(tiers, 1)), ("engine: incentives alone, tiers given", 2, () => engine.Calculate(tiers, 2)),
            ("DuckDB SQL", 1, () => duck.Calculate(1)), ("DuckDB SQL", 2, () => duck.Calculate(2)),
            ("RulesEngine per partner", 1, () => rules.PerPartner(hand, partners, budget)),
        ];
        if (postgres is not null)
            peers = [.. peers, ("PostgreSQL SQL (workers per gather 0)", 1, () => postgres.Calculate(0)), ("PostgreSQL SQL (workers per gather 2)", 2, () => postgres.Calculate(2))];
        // Lines explain themselves when first read; a run that stores them reads every one. Last, so the rows above keep their places.
        peers = [.. peers, ("engine (tiers + incentives), every line's words read", 1, () => ReadWords(engine.Run(1).Result, 1)),
                           ("engine (tiers + incentives), every line's words read", 2, () => ReadWords(engine.Run(2).Result, 2))];
        var times = peers.Select(_ => new List<double>()).ToArray();
        for (var r = -2; r < repeat; r++)   // two warm-ups, then round-robin repetitions so that machine noise hits every peer
            for (var k = 0; k < peers.Length; k++)
            {
                clock.Restart();
                peers[k].Run();
                if (r >= 0) times[k].Add(clock.Elapsed.TotalMilliseconds);
            }

        Console.WriteLine();
        Console.WriteLine("| peer | threads | min | median | p90 |");
        Console.WriteLine("|---|---|---|---|---|");
        for (var k = 0; k < peers.Length; k++)
            Console.WriteLine($"| {peers[k].Name} | {peers[k].Threads} | {times[k].Min():F0} ms | {Median(times[k]):F0} ms | {Percentile(times[k], 0.9):F0} ms |");
        Console.WriteLine();
        foreach (var threads in new[] { 1, 2 })
        {
            var (e, h) = (times[threads - 1], times[threads + 1]);
            var ratio = Median(e) / Median(h);
            var paired = e.Zip(h).Count(x => x.First <= 2 * x.Second);
            Console.WriteLine($"Engine vs hand loop at {threads} thread(s): {ratio:F1}× slower (median); target ≤ 2.0×: " +
                              $"{(ratio <= 2 && paired >= 5 ? "met" : "not met")} ({paired} of {repeat} paired repetitions within 2×).");
        }
        foreach (var threads in new[] { 1, 2 })
        {
            var (e, d) = (times[threads - 1], times[threads + 5]);
            var ratio = Median(d) / Median(e);
            var paired = e.Zip(d).Count(x => x.Second >= 2 * x.First);
            Console.WriteLine($"Engine vs DuckDB at {threads} thread(s): {Faster(ratio)} (median); " +
                              $"target ≥ 2× faster: {(ratio >= 2 && paired >= 5 ? "met" : "not met")} ({paired} of {repeat} paired repetitions at 2× or more).");
        }
        if (postgres is not null)
        {
            var (e, pg) = (times[1], times[10]);
            var ratio = Median(pg) / Median(e);
            var paired = e.Zip(pg).Count(x => x.Second >= 10 * x.First);
            Console.WriteLine($"Engine vs PostgreSQL at 2 threads / 2 workers: {Faster(ratio)} (median); target ≥ 10× faster: " +
                              $"{(ratio >= 10 && paired >= 5 ? "met" : "not met")} ({paired} of {repeat} paired repetitions at 10× or more).");
        }
        var extrapolated = perDealMs * data.Deals / head.Deals;
        Console.WriteLine($"RulesEngine per deal: {head.Deals:N0} deals in {perDealMs:F0} ms ({head.Deals / perDealMs * 1000:N0} deals/s), " +
                          $"EXTRAPOLATED to {data.Deals:N0} deals: {extrapolated / 1000:F1} s; engine vs RulesEngine per deal (1 thread, medians): " +
                          $"{Faster(extrapolated / Median(times[0]))} (target ≥ 100× faster: {(extrapolated / Median(times[0]) >= 100 ? "met" : "not met")}, on the extrapolation).");
        Console.WriteLine($"Engine (computing the sums too) vs RulesEngine per partner (given the hand loop's sums), 1 thread: {Faster(Median(times[8]) / Median(times[0]))} (median).");
        Console.WriteLine($"Full recompute: {Median(times[1]):F0} ms on 2 threads (target ≤ 150 ms), {Median(times[0]):F0} ms on 1 (≤ 250 ms).");
        return Incremental(data, engine, tiers, repeat) ? 0 : 1;
    }

    /// <summary>
    /// 10 k won deals change amount; the touched partners' facts are rebuilt and IncrementalCalculation.Update
    /// recomputes them and the budgets. Verified against a full recompute over the changed data, then timed.
    /// </summary>
    static bool Incremental(IncentiveDataset data, EnginePeer engine, IReadOnlyDictionary<Guid, string> tiers, int repeat)
    {
        var changed = new Dictionary<int, Engine.Incentives.IncentiveDeal>();
        for (long k = 0; changed.Count < Math.Min(10_000, data.Deals / 100); k++)
        {
            var i = (int)(Rng.For(23, k).Next() % (ulong)data.Deals);
            if (data.Stage[i] != IncentiveDataset.Won || changed.ContainsKey(i)) continue;
            var row = engine.Row(i);
            changed[i] = row with { Deal = row.Deal with { AmountMinor = row.Deal.AmountMinor + 10_000 } };
        }
        var touched = changed.Keys.Select(i => data.Partner[i]).Distinct().Order().ToArray();
        var dealsOf = touched.ToDictionary(p => p, _ => new List<int>());
        for (var i = 0; i < data.Deals; i++) if (dealsOf.TryGetValue(data.Partner[i], out var list)) list.Add(i);
        var touchedDeals = dealsOf.Values.Sum(l => l.Count);

        var clock = Stopwatch.StartNew();
        var facts = EnginePeer.FactsOf(touched, dealsOf.Values.SelectMany(l => l).Select(i => changed.TryGetValue(i, out var now) ? now : engine.Row(i)));
        var buildMs = clock.Elapsed.TotalMilliseconds;
        var live = engine.Start(tiers, 2);
        var updated = live.Update(facts);
        var expected = engine.CalculateWith(changed, tiers);
        var same = EnginePeer.PerPartner(updated, data.Partners, tiers).SequenceEqual(EnginePeer.PerPartner(expected, data.Partners, tiers))
                   && updated.Lines.Select(l => (l.PartnerId, l.RuleId, l.AmountMinor, l.Explanation)).SequenceEqual(
                          expected.Lines.Select(l => (l.PartnerId, l.RuleId, l.AmountMinor, l.Explanation)));
        Console.WriteLine();
        Console.WriteLine($"Incremental: {changed.Count:N0} won deals changed, touching {touched.Length:N0} partners who hold {touchedDeals:N0} deals in all; " +
                          (same ? "the update equals a full recompute." : "MISMATCH: the update differs from a full recompute."));
        if (!same) return false;

        var updates = new List<double>();
        for (var r = -2; r < repeat; r++)
        {
            clock.Restart();
            live.Update(facts);
            if (r >= 0) updates.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"Rebuilding the touched partners' facts: {buildMs:F0} ms (once). IncrementalCalculation.Update on 2 threads: " +
                          $"min {updates.Min():F0} ms, median {Median(updates):F0} ms, p90 {Percentile(updates, 0.9):F0} ms (target ≤ 20 ms for 10 k deals: " +
                          $"{(Median(updates) + buildMs <= 20 ? "met" : "not met")}, counting the facts rebuild).");
        return true;
    }

    /// <summary>
    /// Compares every peer with the hand loop at a size small enough for a test (PostgreSQL when a
    /// connection string is given; RulesEngine per deal on all the deals); the mismatches, if any.
    /// </summary>
    public static IReadOnlyList<string> Verify(int partners, int deals, int completions, string? postgres = null)
    {
        var data = new IncentiveDataset(partners, deals, completions);
        var hand = new HandLoop(data);
        var budget = CashBudget(hand);
        var expected = hand.Calculate(budget, 2);
        using var duck = new DuckDbPeer(data, budget);
        var rules = new RulesEnginePeer();
        var mismatches = Compare(expected, Engine(new EnginePeer(data, budget), 2, partners)).Select(m => "engine: " + m)
            .Concat(Compare(expected, duck.Calculate(2)).Select(m => "DuckDB: " + m))
            .Concat(Compare(expected, rules.PerPartner(hand, partners, budget)).Select(m => "RulesEngine per partner: " + m))
            .Concat(Compare(expected, rules.PerDeal(data, hand, budget)).Select(m => "RulesEngine per deal: " + m)).ToList();
        if (postgres is not null)
        {
            using var pg = new PostgresPeer(postgres, data, budget);
            mismatches.AddRange(Compare(expected, pg.Calculate(2)).Select(m => "PostgreSQL: " + m));
        }
        return mismatches;
    }

    /// <summary>PostgreSQL at the given address, or a throwaway cluster; null (skipped) when neither can be had.</summary>
    static async Task<(PostgresPeer? Peer, PostgresCluster? Cluster)> StartPostgres(string connectionString, IncentiveDataset data, long budget)
    {
        PostgresCluster? cluster = null;
        try
        {
            if (connectionString.Length == 0)
            {
                cluster = await PostgresCluster.StartAsync();
                connectionString = cluster.ConnectionString;
            }
            var clock = Stopwatch.StartNew();
            var peer = new PostgresPeer(connectionString, data, budget);
            Console.WriteLine($"{peer.Version.Split(" on ")[0]}: binary COPY and VACUUM ANALYZE {clock.Elapsed.TotalSeconds:F1} s; pg_prewarm {(peer.Prewarmed ? "done" : "not available")}.");
            return (peer, cluster);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or Npgsql.NpgsqlException)
        {
            Console.WriteLine($"PostgreSQL: skipped (no postgres): {e.Message.Split('\n')[0]}");
            if (cluster is not null) await cluster.DisposeAsync();
            return (null, null);
        }
    }

    /// <summary>About 80 % of what the partners earn before it, in whole dollars, so the cash budget binds.</summary>
    static long CashBudget(HandLoop hand) => hand.Calculate(null, 2).Sum(r => r.ProratedTotal) * 8 / 10 / 100 * 100;

    static PartnerResult[] Engine(EnginePeer engine, int threads, int partners)
    {
        var (tiers, result) = engine.Run(threads);
        return EnginePeer.PerPartner(result, partners, tiers);
    }

    static void ReadWords(Engine.Incentives.IncentiveResult result, int threads)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, result.Lines.Count, options, i => _ = result.Lines[i].Explanation);
        Parallel.For(0, result.BudgetLines.Count, options, i => _ = result.BudgetLines[i].Explanation);
    }

    static List<string> Compare(PartnerResult[] expected, PartnerResult[] actual) =>
        expected.Select((e, p) => (e, a: actual[p], p)).Where(x => x.e != x.a)
                .Select(x => $"partner {x.p}: hand loop {x.e}, peer {x.a}").ToList();

    static (int Partners, int Deals, int Completions) Size(string size) => size switch
    {
        "XS" => (2_000, 100_000, 5_000),
        "S" => (10_000, 1_000_000, 50_000),
        "M" => (50_000, 10_000_000, 500_000),
        "L" => (100_000, 40_000_000, 1_000_000),
        _ => throw new ArgumentException("--size is XS, S, M or L."),
    };

    /// <summary>A peer's time over the engine's, in words: 2.5 is "2.50× faster", 0.4 is "2.50× slower".</summary>
    static string Faster(double ratio) => ratio >= 1 ? $"{ratio:F2}× faster" : $"{1 / ratio:F2}× slower";

    static double Median(List<double> values) => Percentile(values, 0.5);

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }

    static string Arg(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, "--" + name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
