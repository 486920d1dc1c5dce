using Accrue.Data;
using Accrue.Web.Features.Demo;
using Accrue.Web.Features.Partners;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Hosting;

namespace Accrue.Web.Cli;

/// <summary>The `accrue` command: serve (default), migrate, seed-demo, import, export, evaluate, calc and post.</summary>
static class AccrueCli
{
    const string Help = """
        accrue — the partner program platform

        Usage:
          accrue [serve] [--urls URL]       Run the web app and API (default). Migrates the database first.
          accrue migrate                    Apply database migrations and exit.
          accrue seed-demo                  Seed the demo program into an empty database.
          accrue import partners FILE       Import partners from a CSV file: every row or none.
          accrue export partners FILE       Export all partners to a CSV file ("-" for standard output).
          accrue evaluate --program FILE --period 2026-Q3 --partners FILE --deals FILE
                 [--certifications FILE] [--activities FILE] [--rates FILE] --out DIR
                                            Evaluate tiers from files, without a database: writes
                                            DIR/decisions.csv and DIR/partners.csv (the next state).
          accrue calc --program FILE --period 2026-Q3 [--as-of DATE] --partners FILE --deals FILE
                 [--certifications FILE] [--activities FILE] [--rates FILE] [--targets FILE] --out DIR
                                            Calculate incentive accruals from files, without a
                                            database: writes DIR/lines.csv.
          accrue post (--period 2026-Q3 | --run ID) [--batch-size N]
                                            Post a period's latest completed calculation (or the
                                            run given) to the ledger, showing progress per batch.
                                            All of it is written or none; a repeat posts only what
                                            changed since (normally nothing).
          accrue --help                     Show this help.

        Configuration (environment variables or appsettings.json):
          Accrue__Database__Provider        sqlite (default) or postgres
          Accrue__Database__ConnectionString  e.g. "Data Source=accrue.db" or "Host=...;Database=accrue;Username=..."
          Accrue__Demo__Seed                true (default) seeds a demo into an empty database; false in production

        The partner CSV format is described in docs/partners.md; the program file in
        docs/program-file.md; the files of evaluate in docs/evaluate.md, of calc in docs/calc.md.
        """;

    static readonly string[] Verbs = ["migrate", "seed-demo", "import", "export", "evaluate", "calc", "post", "--help", "-h", "help"];

    public static bool IsCommand(string[] args) => args is [var verb, ..] && Verbs.Contains(verb);

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args switch
            {
                ["--help" or "-h" or "help", ..] => Print(Help, 0),
                ["migrate", .. var rest] => await WithHost(rest, async (app, _) =>
                {
                    await app.Services.GetRequiredService<AccrueStorage>().MigrateAsync();
                    Console.WriteLine("The database is at the latest migration.");
                    return 0;
                }),
                ["seed-demo", .. var rest] => await WithHost(rest, async (app, services) =>
                {
                    await app.Services.GetRequiredService<AccrueStorage>().MigrateAsync();
                    await DatabaseStartup.EnsureRolesAsync(services);
                    var seeded = await services.GetRequiredService<DemoProgram>().SeedAsync(CancellationToken.None);
                    Console.WriteLine(seeded ? "Seeded the demo program." : "The database already has partners; nothing was seeded.");
                    return 0;
                }),
                ["import", "partners", var file, .. var rest] => await WithHost(rest, (_, services) => ImportPartners(services, file)),
                ["export", "partners", var file, .. var rest] => await WithHost(rest, (_, services) => ExportPartners(services, file)),
                ["evaluate", .. var rest] => await EvaluateCommand.RunAsync(rest, Console.Out, Console.Error),
                ["calc", .. var rest] => await CalcCommand.RunAsync(rest, Console.Out, Console.Error),
                ["post", .. var rest] => await Post(rest),
                _ => Print($"Unknown command: accrue {string.Join(' ', args)}\n\n{Help}", 2),
            };
        }
        catch (Exception refused) when (refused is RecordNotFound or StateConflict)
        {
            Console.Error.WriteLine(refused.Message);
            return 1;
        }
        catch (InvalidRequest invalid)
        {
            Console.Error.WriteLine(invalid.Message);
            foreach (var (where, messages) in invalid.Errors.OrderBy(e => ImportProblems.LineOf(e.Key)))
                foreach (var message in messages)
                    Console.Error.WriteLine($"  {where}: {message}");
            return 1;
        }
    }

    static async Task<int> ImportPartners(IServiceProvider services, string file)
    {
        if (!File.Exists(file)) return Print($"No file at {file}.", 1, error: true);
        await using var stream = File.OpenRead(file);
        var result = await services.GetRequiredService<PartnerImport>().ImportAsync(stream, CancellationToken.None);
        Console.WriteLine($"Imported {file}: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged.");
        return 0;
    }

    static async Task<int> ExportPartners(IServiceProvider services, string file)
    {
        var partners = await services.GetRequiredService<PartnerImport>().ExportAsync(new PartnerQuery(), CancellationToken.None);
        await using var output = file == "-" ? Console.OpenStandardOutput() : File.Create(file);
        await PartnerCsv.WriteAsync(output, partners, CancellationToken.None);
        if (file != "-") Console.WriteLine($"Exported partners to {file}.");
        return 0;
    }

    static async Task<int> Post(string[] args)
    {
        const string usage = "Usage: accrue post (--period 2026-Q3 | --run ID) [--batch-size N]";
        if (CommandOptions.Parse(args, ["--period", "--run", "--batch-size"], [], out var error) is not { } options)
            return Print($"{error}\n{usage}", 2);
        if (options.ContainsKey("--period") == options.ContainsKey("--run"))
            return Print($"Give either --period or --run.\n{usage}", 2);
        Guid runId = default;
        if (options.TryGetValue("--run", out var run) && !Guid.TryParse(run, out runId))
            return Print($"--run '{run}' is not a calculation run's id.\n{usage}", 2);
        var batchSize = LedgerPostings.DefaultBatchSize;
        if (options.TryGetValue("--batch-size", out var size) && (!int.TryParse(size, out batchSize) || batchSize < 1))
            return Print($"--batch-size '{size}' is not a whole number of at least 1.\n{usage}", 2);

        // The host gets no arguments: the options above are this command's, not configuration.
        return await WithHost([], async (_, services) =>
        {
            var postings = services.GetRequiredService<LedgerPostings>();
            if (options.TryGetValue("--period", out var period))
            {
                if (await postings.LatestRunAsync(period, CancellationToken.None) is not { } latest)
                    return Print($"{period} has no completed calculation to post; run one first (Incentives → Calculations).", 1, error: true);
                runId = latest;
            }
            var result = await postings.PostAsync(runId, CancellationToken.None, batchSize,
                (written, total) => Console.WriteLine($"Written {written} of {total} (not committed until the last)."));
            Console.WriteLine(result.Message);
            return 0;
        });
    }

    /// <summary>Builds the host without serving, and runs the command as the operator (a program admin).</summary>
    static async Task<int> WithHost(string[] args, Func<WebApplication, IServiceProvider, Task<int>> command)
    {
        var app = AccrueHost.Build(args);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>()
            .Set(new Actor(null, $"accrue command line ({Environment.UserName})", new HashSet<string> { AccrueRoles.ProgramAdmin }, null));
        return await command(app, scope.ServiceProvider);
    }

    static int Print(string text, int exitCode, bool error = false)
    {
        (error || exitCode != 0 ? Console.Error : Console.Out).WriteLine(text);
        return exitCode;
    }
}
