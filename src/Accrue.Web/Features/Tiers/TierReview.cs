using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Tiers;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Tiers;

/// <summary>Program admins' decisions on tiers: proposals approved or rejected in bulk, and manual overrides.</summary>
public sealed class TierReview(AccrueDbFactory dbs, ProgramVersions programs, AuditTrail audit, TimeProvider clock)
{
    public Task<IReadOnlyList<ProposalDecisionResult>> ApproveAsync(ProposalDecision request, CancellationToken ct) =>
        DecideAsync(request, approve: true, ct);

    public Task<IReadOnlyList<ProposalDecisionResult>> RejectAsync(ProposalDecision request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw InvalidRequest.For("reason", "Say why the change is rejected: it is kept on the partner's tier history.");
        return DecideAsync(request, approve: false, ct);
    }

    /// <summary>Each proposal answers for itself, so one that cannot be decided does not stop the others.</summary>
    async Task<IReadOnlyList<ProposalDecisionResult>> DecideAsync(ProposalDecision request, bool approve, CancellationToken ct)
    {
        if (request.ProposalIds is null || request.ProposalIds.Count is 0 or > 500)
            throw InvalidRequest.For("proposalIds", "Decide between 1 and 500 proposals at a time.");
        var results = new List<ProposalDecisionResult>();
        foreach (var id in request.ProposalIds.Distinct())
        {
            await using var db = dbs.Create();
            var proposal = await db.TierProposals.Include(p => p.Run).SingleOrDefaultAsync(p => p.Id == id, ct);
            var tiers = proposal is null ? [] : await db.PartnerTiers.Where(t => t.PartnerId == proposal.PartnerId).ToDictionaryAsync(t => t.PartnerId, ct);
            var refusal = proposal is null ? "Not found."
                : proposal.Status != ProposalStatus.Pending ? $"Already {proposal.Status.ToString().ToLowerInvariant()}."
                : (tiers.GetValueOrDefault(proposal.PartnerId)?.TierId ?? proposal.CurrentTierId) != proposal.CurrentTierId
                    ? "The partner's tier changed since this evaluation; the proposal no longer applies."
                : null;
            if (refusal is not null)
            {
                results.Add(new ProposalDecisionResult(id, false, refusal));
                continue;
            }
            var now = clock.GetUtcNow();
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            (proposal!.Status, proposal.DecidedAt, proposal.DecidedBy, proposal.DecisionReason, proposal.Revision) =
                (approve ? ProposalStatus.Approved : ProposalStatus.Rejected, now, db.Actor.Name, reason, Guid.NewGuid());
            if (approve)
                TierStates.Apply(db, audit, tiers, proposal, proposal.Run!.Period, reason ?? "Approved", db.Actor, now);
            else
            {
                var tier = TierStates.Ensure(db, tiers, proposal.PartnerId, proposal.CurrentTierId, now);
                (tier.GraceCount, tier.UpdatedAt, tier.Revision) = (proposal.GraceCountIfRejected, now, Guid.NewGuid());
                audit.Record(db, "TierChangeRejected", nameof(TierProposal), proposal.Id, proposal.PartnerId,
                             after: new { proposal.CurrentTierId, proposal.ProposedTierId, proposal.Run!.Period }, reason: reason);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                results.Add(new ProposalDecisionResult(id, true, approve ? "Approved." : "Rejected."));
            }
            catch (DbUpdateException)
            {
                results.Add(new ProposalDecisionResult(id, false, "Someone decided it at the same moment; reload to see how."));
            }
        }
        return results;
    }

    /// <summary>Sets a partner's tier by hand, with a reason and an optional lock; the grace count returns to 0.</summary>
    public async Task<TierHistoryItem> OverrideAsync(Guid partnerId, TierOverrideRequest request, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var program = (await programs.InForceOnAsync(today, ct))?.Definition
                      ?? throw new StateConflict("No program version is in force yet.");
        if (string.IsNullOrWhiteSpace(request.Reason)) throw InvalidRequest.For("reason", "Say why the tier is set by hand.");
        var tierDef = program.Tiers.FirstOrDefault(t => t.Id == request.TierId)
                      ?? throw InvalidRequest.For("tierId", $"'{request.TierId}' is not a tier of the program: {string.Join(", ", program.Tiers.Select(t => t.Id))}.");
        if (request.LockedUntil is { } until && until <= today) throw InvalidRequest.For("lockedUntil", "A lock must end after today.");

        await using var db = dbs.Create();
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, ct) ?? throw new RecordNotFound("The partner");
        var tiers = await db.PartnerTiers.Where(t => t.PartnerId == partnerId).ToDictionaryAsync(t => t.PartnerId, ct);
        var now = clock.GetUtcNow();
        var tier = TierStates.Ensure(db, tiers, partnerId, program.Tiers[0].Id, now);
        var before = new { tier.TierId, tier.GraceCount, tier.LockedUntil };
        (tier.TierId, tier.GraceCount, tier.LockedUntil, tier.OverrideReason, tier.UpdatedAt, tier.Revision) =
            (tierDef.Id, 0, request.LockedUntil, request.Reason.Trim(), now, Guid.NewGuid());
        var change = new TierChange
        {
            PartnerId = partnerId, FromTierId = before.TierId, ToTierId = tierDef.Id, Kind = TierChangeKind.Override,
            Reason = request.Reason.Trim() + (request.LockedUntil is { } l ? $" (locked until {l:yyyy-MM-dd})" : ""),
            DecidedAt = now, DecidedBy = db.Actor.Name,
        };
        db.TierChanges.Add(change);
        audit.Record(db, "TierOverridden", "PartnerTier", partnerId, partnerId, before, new { tier.TierId, tier.LockedUntil }, request.Reason.Trim());
        await db.SaveChangesAsync(ct);
        var names = program.Tiers.ToDictionary(t => t.Id, t => t.Name);
        return History(change, names);
    }

    /// <summary>The partner's tier changes, newest first; 404 when the partner is not the caller's to see.</summary>
    public async Task<IReadOnlyList<TierHistoryItem>> HistoryAsync(Guid partnerId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct)) throw new RecordNotFound("The partner");
        var changes = await db.TierChanges.AsNoTracking().Where(c => c.PartnerId == partnerId).OrderByDescending(c => c.DecidedAt).ToListAsync(ct);
        var program = (await programs.OverviewAsync(ct)).Current?.Definition;
        var names = program?.Tiers.ToDictionary(t => t.Id, t => t.Name) ?? new Dictionary<string, string>();
        return changes.Select(c => History(c, names)).ToList();
    }

    static TierHistoryItem History(TierChange c, IReadOnlyDictionary<string, string> names) =>
        new(c.DecidedAt, TierEvaluations.Name(names, c.FromTierId), TierEvaluations.Name(names, c.ToTierId), c.Kind, c.Period, c.Reason, c.DecidedBy);
}
