using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Tiers;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Tiers;

/// <summary>Runs an evaluation in the background: loads the facts in bulk, runs the engine, stores a proposal per partner.</summary>
/// <remarks>
/// Decisions that change no tier (keep, grace, ramp, locked) take effect at once: they only move the
/// grace count. Tier changes wait for a program admin unless the policy approves them without review.
/// Progress is saved as proposals are stored, so the page can show it.
/// </remarks>
public sealed class TierEvaluationWork(AccrueStorage storage, AuditTrail audit, TimeProvider clock, ILogger<TierEvaluationWork> log)
{
    const int Batch = 500;

    /// <summary>Runs in the background; tests and the scheduler may await the returned task.</summary>
    public Task Start(Guid runId, ProgramDefinition program, Actor startedBy) =>
        Task.Run(async () =>
        {
            try
            {
                await RunAsync(runId, program, startedBy, CancellationToken.None);
            }
            catch (Exception failure)
            {
                log.LogError(failure, "Tier evaluation {RunId} failed", runId);
                await using var db = storage.Create(Actor.System);
                var run = await db.TierEvaluationRuns.SingleAsync(r => r.Id == runId);
                (run.Status, run.Error, run.FinishedAt) = (EvaluationRunStatus.Failed, failure.Message, clock.GetUtcNow());
                await db.SaveChangesAsync();
            }
        });

    /// <summary>Runs an evaluation to its end; the demo awaits it directly.</summary>
    internal async Task RunAsync(Guid runId, ProgramDefinition program, Actor startedBy, CancellationToken ct)
    {
        await using var read = storage.Create(Actor.System);
        var run = await read.TierEvaluationRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        var partners = await read.Partners.AsNoTracking().Where(p => p.Status == PartnerStatus.Active).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.JoinedOn }).ToListAsync(ct);
        var stored = await read.PartnerTiers.AsNoTracking().ToDictionaryAsync(t => t.PartnerId, ct);
        var states = partners.Select(p => TierStates.Of(program, p.Id, p.JoinedOn, stored.GetValueOrDefault(p.Id))).ToList();
        var facts = await TierFactsLoader.LoadAsync(read, program, partners.Select(p => p.Id).ToList(), ct);
        var decisions = TierEvaluation.Evaluate(program, run.EvaluatedOn, states, facts);

        // Decisions come back in the order of the states they answer.
        foreach (var chunk in decisions.Zip(states).Chunk(Batch))
        {
            await using var db = storage.Create(Actor.System);
            var ids = chunk.Select(c => c.First.PartnerId).ToList();
            var tiers = await db.PartnerTiers.Where(t => ids.Contains(t.PartnerId)).ToDictionaryAsync(t => t.PartnerId, ct);
            foreach (var (decision, before) in chunk)
            {
                var proposal = TierStates.Proposal(run, decision, before, program.Evaluation);
                db.TierProposals.Add(proposal);
                if (proposal.Status == ProposalStatus.Applied)
                    TierStates.Apply(db, audit, tiers, proposal, run.Period, "Applied by the evaluation (no approval needed)", startedBy, clock.GetUtcNow());
            }
            var tracked = await db.TierEvaluationRuns.SingleAsync(r => r.Id == runId, ct);
            tracked.PartnersDone += chunk.Length;
            await db.SaveChangesAsync(ct);
        }

        await using (var db = storage.Create(Actor.System))
        {
            var done = await db.TierEvaluationRuns.SingleAsync(r => r.Id == runId, ct);
            (done.Status, done.FinishedAt, done.PartnersTotal) = (EvaluationRunStatus.Completed, clock.GetUtcNow(), partners.Count);
            audit.Record(db, "TierEvaluationCompleted", nameof(TierEvaluationRun), runId, after: new { run.Period, Partners = partners.Count }, by: startedBy);
            await db.SaveChangesAsync(ct);
        }
    }
}
