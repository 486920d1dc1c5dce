using Accrue.Data;
using Accrue.Data.Tiers;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Tiers;

/// <summary>A rung of the ladder as the scorecard lists it.</summary>
public sealed record LadderRung(string Id, string Name, TierBenefits Benefits, bool IsCurrent);

/// <summary>A published version that takes effect later, as partners are told of it.</summary>
public sealed record UpcomingChange(int Version, DateOnly EffectiveOn, string? Summary, IReadOnlyList<LadderRung> Ladder);

/// <summary>What a partner sees of its tier: where it stands, what the next tier takes, and what comes next.</summary>
/// <param name="Standing">The criteria as of today over the same windows as the next evaluation: a forecast, not a decision.</param>
public sealed record Scorecard(
    Guid PartnerId, string PartnerName, int ProgramVersion, string Currency, string TierId, string TierName, TierBenefits Benefits,
    int GraceCount, int GraceAllowed, DateOnly? LockedUntil, string Status, TierDecision Standing,
    string NextEvaluationPeriod, DateOnly NextEvaluationOn, ProposalView? PendingChange,
    IReadOnlyList<LadderRung> Ladder, IReadOnlyList<UpcomingChange> Upcoming);

/// <summary>Builds a partner's scorecard by evaluating it live, with the same engine and program as the next evaluation.</summary>
public sealed class TierScorecards(AccrueDbFactory dbs, ProgramVersions programs)
{
    /// <summary>The partner's scorecard; 404 when the partner is not the caller's to see, null before any program is in force.</summary>
    public async Task<Scorecard?> ForPartnerAsync(Guid partnerId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => new { p.Id, p.Name, p.JoinedOn })
                          .SingleOrDefaultAsync(ct) ?? throw new RecordNotFound("The partner");
        var overview = await programs.OverviewAsync(ct);
        if (overview.Current?.Definition is not { } program) return null;

        var stored = await db.PartnerTiers.AsNoTracking().SingleOrDefaultAsync(t => t.PartnerId == partnerId, ct);
        var state = TierStates.Of(program, partner.Id, partner.JoinedOn, stored);
        var today = programs.Today;
        // The caller's own scope covers every fact of a partner it may see.
        var snapshot = await TierFactsLoader.LoadAsync(db, program, [partner.Id], ct);
        var standing = TierEvaluation.Evaluate(program, today.AddDays(1), [state], snapshot)[0];
        var next = program.Calendar.Containing(today, program.Evaluation.Cadence);
        var tier = program.Tiers.First(t => t.Id == state.TierId);

        var pending = await db.TierProposals.AsNoTracking().Where(p => p.PartnerId == partnerId && p.Status == ProposalStatus.Pending)
            .OrderByDescending(p => p.Run!.EvaluatedOn).Select(p => new { Proposal = p, p.Run!.Period }).FirstOrDefaultAsync(ct);
        var names = program.Tiers.ToDictionary(t => t.Id, t => t.Name);
        return new Scorecard(
            partner.Id, partner.Name, overview.Current.Version.Number, program.Currency, tier.Id, tier.Name, tier.Benefits,
            state.GraceCount, program.Evaluation.GraceEvaluations, state.LockedUntil, Status(state, program, today), standing,
            next.Name, next.End, pending is null ? null : TierEvaluations.View(pending.Proposal, partner.Name, pending.Period, names),
            Ladder(program, tier.Id),
            overview.Upcoming.Where(u => u.Definition is not null)
                .Select(u => new UpcomingChange(u.Version.Number, u.Version.EffectiveOn!.Value, u.Version.Summary, Ladder(u.Definition!, tier.Id))).ToList());
    }

    static IReadOnlyList<LadderRung> Ladder(ProgramDefinition program, string current) =>
        program.Tiers.Select(t => new LadderRung(t.Id, t.Name, t.Benefits, t.Id == current)).ToList();

    static string Status(PartnerTierState state, ProgramDefinition program, DateOnly today) =>
        state.LockedUntil is { } lockDate && today < lockDate ? $"Set by the program team until {lockDate:yyyy-MM-dd}."
        : state.GraceCount > 0 ? $"In grace: {state.GraceCount} of {program.Evaluation.GraceEvaluations} evaluations below this tier."
        : "In good standing.";
}
