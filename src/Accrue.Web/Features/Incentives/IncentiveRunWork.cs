using System.Diagnostics;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Incentives;
using Accrue.Engine.Incentives;
using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Incentives;

/// <summary>Runs a calculation in the background: loads the facts in bulk, runs the engine, stores the lines.</summary>
/// <remarks>
/// The lines and the run's completion are written in one transaction: a run is either Completed with
/// all its lines or has none, whatever happens to the process (the ledger posts only completed runs).
/// Progress is the stage in words, saved before each step.
/// </remarks>
public sealed class IncentiveRunWork(AccrueStorage storage, AuditTrail audit, TimeProvider clock, ILogger<IncentiveRunWork> log)
{
    const int Batch = 2000;

    /// <summary>Runs in the background; tests and the demo may await the returned task.</summary>
    public Task Start(Guid runId, ProgramDefinition program, Period period, Actor startedBy) =>
        Task.Run(async () =>
        {
            try
            {
                await RunAsync(runId, program, period, startedBy, CancellationToken.None);
            }
            catch (Exception failure)
            {
                log.LogError(failure, "Incentive calculation {RunId} failed", runId);
                await using var db = storage.Create(Actor.System);
                var run = await db.CalculationRuns.SingleAsync(r => r.Id == runId);
                (run.Status, run.Error, run.FinishedAt, run.Stage) = (CalculationRunStatus.Failed, Reason(failure, program), clock.GetUtcNow(), "Failed");
                await db.SaveChangesAsync();
            }
        });

    internal async Task RunAsync(Guid runId, ProgramDefinition program, Period period, Actor startedBy, CancellationToken ct)
    {
        await StageAsync(runId, "Loading facts", ct);
        IncentiveInputs inputs;
        await using (var read = storage.Create(Actor.System))
        {
            inputs = await IncentiveFactsLoader.LoadAsync(read, program, period, ct);
        }
        DateOnly asOf;
        int version;
        await using (var read = storage.Create(Actor.System))
        {
            var stored = await read.CalculationRuns.Where(r => r.Id == runId).Select(r => new { r.AsOf, r.ProgramVersion }).SingleAsync(ct);
            (asOf, version) = (stored.AsOf, stored.ProgramVersion);
        }

        await StageAsync(runId, "Calculating", ct);
        var watch = Stopwatch.StartNew();
        var result = IncentiveCalculation.Calculate(program, period, asOf, inputs.Facts, inputs.TiersInForce, inputs.Targets);
        watch.Stop();

        await StageAsync(runId, $"Storing {result.Lines.Count + result.BudgetLines.Count:N0} lines", ct);
        var entry = program.Tiers.FirstOrDefault()?.Id;
        string? TierOf(Guid partner) => inputs.TiersInForce.TryGetValue(partner, out var tier) ? tier : entry;
        var lines = result.Lines.Select(l => new IncentiveLine
        {
            RunId = runId, PartnerId = l.PartnerId, RuleId = l.RuleId, Kind = KindOf(l.Kind), ProgramVersion = version, Period = l.Period,
            TierId = TierOf(l.PartnerId), Currency = l.Currency, AmountMinor = l.AmountMinor, UncappedMinor = l.UncappedMinor, CapApplied = l.CapApplied,
            BudgetScaledFromMinor = l.BudgetScaledFrom, Basis = LineBasis.Of(l.Basis), Explanation = l.Explanation,
        }).Concat(result.BudgetLines.Select(b => new IncentiveLine
        {
            RunId = runId, PartnerId = b.PartnerId, RuleId = IncentiveLine.CashBudgetRuleId, Kind = IncentiveLineKind.CashBudget, ProgramVersion = version,
            Period = b.Period, TierId = TierOf(b.PartnerId), Currency = b.Currency, AmountMinor = b.AmountMinor, UncappedMinor = b.AmountMinor,
            BudgetScaledFromMinor = b.CashTotalMinor, Basis = LineBasis.Of(new AccrualBasis([], [], [])), Explanation = b.Explanation,
        }));

        await using var db = storage.Create(Actor.System);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in lines.Chunk(Batch))
        {
            db.IncentiveLines.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        var run = await db.CalculationRuns.SingleAsync(r => r.Id == runId, ct);
        run.Status = CalculationRunStatus.Completed;
        run.Stage = "Completed";
        run.PartnersTotal = run.PartnersDone = inputs.Facts.Partners.Length;
        run.LineCount = result.Lines.Count + result.BudgetLines.Count;
        run.PartnersPaid = result.Lines.Where(l => l.AmountMinor != 0).Select(l => l.PartnerId).Distinct().Count();
        run.CashTotalMinor = result.CashTotalMinor;
        run.FundTotalMinor = result.Lines.Where(l => !l.IsCash).Sum(l => l.AmountMinor);
        run.CashBudgetCutMinor = result.BudgetLines.Sum(b => b.AmountMinor);
        run.EngineMilliseconds = (int)Math.Ceiling(watch.Elapsed.TotalMilliseconds);
        run.FinishedAt = clock.GetUtcNow();
        audit.Record(db, "IncentiveCalculationCompleted", nameof(CalculationRun), runId,
            after: new { run.Period, run.AsOf, run.ProgramVersion, Lines = run.LineCount, Cash = run.CashTotalMinor, Funds = run.FundTotalMinor }, by: startedBy);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    async Task StageAsync(Guid runId, string stage, CancellationToken ct)
    {
        await using var db = storage.Create(Actor.System);
        await db.CalculationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Stage, stage), ct);
    }

    static IncentiveLineKind KindOf(IncentiveKind kind) => kind switch
    {
        IncentiveKind.Rebate => IncentiveLineKind.Rebate,
        IncentiveKind.Accelerator => IncentiveLineKind.Accelerator,
        IncentiveKind.Spiff => IncentiveLineKind.Spiff,
        IncentiveKind.GrowthBonus => IncentiveLineKind.GrowthBonus,
        IncentiveKind.ReferralFee => IncentiveLineKind.ReferralFee,
        IncentiveKind.FundAccrual => IncentiveLineKind.FundAccrual,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A rule kind without a line kind."),
    };

    /// <summary>What failed, in words a finance user can act on.</summary>
    static string Reason(Exception failure, ProgramDefinition program) => failure switch
    {
        MissingExchangeRateException missing =>
            $"No {missing.Currency} → {program.Currency} exchange rate on or before {missing.Day:yyyy-MM-dd} (deal {missing.DealId}): add the rate on the program page and calculate again.",
        _ => failure.Message,
    };
}
