using System.Diagnostics;
using Accrue.Engine.Partners;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Tests.Incentives;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Accrue.Web.Tests.Payouts;

/// <summary>
/// The posting process killed for real: `accrue post` runs as a process of its own, one ledger
/// transaction per batch, and is killed (SIGKILL) right after it reports a batch drawn at random.
/// The ledger then holds all of the posting or none of it, and posting again gives exactly what an
/// uninterrupted posting gives.
/// </summary>
public sealed class PostingKillTests(AppPerClass apps, ITestOutputHelper output) : IClassFixture<AppPerClass>
{
    // Each partner has a rebate line and a fund line: twice as many ledger transactions, each of two entries.
    const int Partners = 150;
    const int Transactions = 2 * Partners;

    [Theory, SqliteData, PostgresData]
    public async Task A_posting_process_killed_at_a_random_batch_leaves_all_or_nothing_and_posting_again_equals_an_uninterrupted_posting(Database database)
    {
        var app = await apps.On(database);
        var run = await CalculatedQuarter(app);
        var seed = Random.Shared.Next();
        output.WriteLine($"Random seed {seed} (kill points are drawn from it).");
        var random = new Random(seed);

        var killedBeforeCommit = 0;
        for (var round = 1; round <= 3; round++)
        {
            // Within the first half, so that the kill lands before the commit even when the process runs ahead of its reader.
            var killAt = random.Next(1, Transactions / 2);
            var killed = await PostAsync(app, run.Id, killAt);
            output.WriteLine($"Round {round}: killed after {killed.Output.LastOrDefault(l => l.StartsWith("Written"))} (asked at {killAt}).");
            Assert.True(killed.WasKilled, $"The posting ended on its own before batch {killAt}: {string.Join(" / ", killed.Output)} {killed.Errors}");

            await using var db = app.Db();
            var written = await db.LedgerTransactions.CountAsync(t => t.RunId == run.Id);
            Assert.True(written is 0 or Transactions, $"Round {round}: the ledger holds {written} of the posting's {Transactions} transactions.");
            Assert.Equal(2 * written, await db.LedgerEntries.CountAsync());
            Assert.Equal(0, await db.LedgerEntries.SumAsync(e => e.AmountMinor));
            if (written == 0) killedBeforeCommit++;
        }
        Assert.True(killedBeforeCommit > 0, "No kill landed before the posting committed, so none tested a half-written posting.");

        var resumed = await PostAsync(app, run.Id, killAt: null);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"Posted {Transactions} transaction(s)", resumed.Output.Last());

        await using (var db = app.Db())
        {
            // An uninterrupted first posting writes each line once, under its first key, with the line's amount.
            var lines = await db.IncentiveLines.Where(l => l.RunId == run.Id).OrderBy(l => l.PartnerId).ThenBy(l => l.RuleId)
                .Select(l => new { Key = "post|" + l.Period + "|" + l.PartnerId.ToString("N") + "|" + l.RuleId + "|" + l.Currency + "|0", l.AmountMinor })
                .ToListAsync();
            var posted = await db.LedgerTransactions.Where(t => t.RunId == run.Id).OrderBy(t => t.PartnerId).ThenBy(t => t.RuleId)
                .Select(t => new { Key = t.IdempotencyKey, AmountMinor = t.PartnerAmountMinor }).ToListAsync();
            Assert.Equal(Transactions, lines.Count);
            Assert.Equal(lines.Select(l => (l.Key, l.AmountMinor)), posted.Select(p => (p.Key, p.AmountMinor)));
            Assert.Equal(2 * Transactions, await db.LedgerEntries.CountAsync());
            Assert.Equal(0, await db.LedgerEntries.SumAsync(e => e.AmountMinor));
        }

        // Named by its period, the latest calculation is the same run: nothing is left to post.
        var repeated = await PostAsync(app, ["--period", PayoutScenario.LastQuarter.Name], killAt: null);
        Assert.Equal(0, repeated.ExitCode);
        Assert.StartsWith("Nothing to post", repeated.Output.Last());
        var none = await PostAsync(app, ["--period", "2001-Q1"], killAt: null);
        Assert.Equal((1, "2001-Q1 has no completed calculation to post; run one first (Incentives → Calculations)."), (none.ExitCode, none.Errors.Trim()));
    }

    static async Task<CalculationRunView> CalculatedQuarter(AccrueApp app)
    {
        await app.Seed.PublishedProgram(PayoutScenario.Program, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-2));
        for (var i = 0; i < Partners; i++)
        {
            var partner = await app.Seed.Partner(status: PartnerStatus.Active);
            await app.Seed.WonDeal(partner, 1_000m + 37 * i, PayoutScenario.LastQuarter.Start.AddDays(i % 80));
        }
        return await IncentiveRunTests.Calculate(await app.ClientFor(await app.Seed.ProgramAdmin()), PayoutScenario.LastQuarter.Name);
    }

    sealed record Posting(bool WasKilled, int? ExitCode, IReadOnlyList<string> Output, string Errors);

    static Task<Posting> PostAsync(AccrueApp app, Guid runId, int? killAt) => PostAsync(app, ["--run", runId.ToString()], killAt);

    /// <summary>Runs `accrue post` with one ledger transaction per batch on the app's database; kills it as soon as it reports batch <paramref name="killAt"/>.</summary>
    static async Task<Posting> PostAsync(AccrueApp app, string[] which, int? killAt)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "accrue.dll"), "post", .. which, "--batch-size", "1"])
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["Accrue__Database__Provider"] = app.Database.Provider,
                ["Accrue__Database__ConnectionString"] = app.Database.ConnectionString,
                ["Accrue__Demo__Seed"] = "false",
                ["Accrue__BackgroundJobs"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("accrue post did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = new List<string>();
        var killed = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.Add(line);
                if (killAt is { } at && line.StartsWith($"Written {at} of ", StringComparison.Ordinal))
                {
                    process.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }
            }
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"accrue post did not finish within two minutes: {string.Join(" / ", output)}");
        }
        return new Posting(killed, killed ? null : process.ExitCode, output, await errors);
    }
}
