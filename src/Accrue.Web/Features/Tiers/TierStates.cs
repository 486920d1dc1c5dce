using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Tiers;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;

namespace Accrue.Web.Features.Tiers;

/// <summary>How a partner's stored tier becomes the engine's state, and how a decision changes it back.</summary>
static class TierStates
{
    /// <summary>The engine's view of a partner; a partner never evaluated, or on a tier the ladder no longer has, starts on the entry tier.</summary>
    public static PartnerTierState Of(ProgramDefinition program, Guid partnerId, DateOnly joinedOn, PartnerTier? stored)
    {
        var entry = program.Tiers[0].Id;
        if (stored is null || program.Tiers.All(t => t.Id != stored.TierId)) return new PartnerTierState(partnerId, entry, 0, joinedOn);
        return new PartnerTierState(partnerId, stored.TierId, stored.GraceCount, joinedOn, stored.LockedUntil);
    }

    public static TierProposal Proposal(TierEvaluationRun run, TierDecision decision, PartnerTierState before, EvaluationPolicy policy)
    {
        var needsApproval = decision.ChangesTier && (decision.Kind == TierDecisionKind.Promote ? policy.PromotionsNeedApproval : policy.DemotionsNeedApproval);
        return new TierProposal
        {
            RunId = run.Id, PartnerId = decision.PartnerId, Kind = decision.Kind,
            CurrentTierId = decision.CurrentTierId, QualifyingTierId = decision.QualifyingTierId, ProposedTierId = decision.NewTierId,
            GraceCount = decision.NextState.GraceCount,
            // Rejecting a demotion leaves the partner below its tier one evaluation longer; rejecting a promotion resets nothing.
            GraceCountIfRejected = decision.Kind == TierDecisionKind.Demote ? before.GraceCount + 1 : 0,
            GraceAllowed = decision.GraceAllowed, Explanation = decision.Explanation, Criteria = TierJson.Of(decision),
            Status = needsApproval ? ProposalStatus.Pending : ProposalStatus.Applied,
        };
    }

    /// <summary>Puts an approved or automatic proposal in force: the tier, the grace count and, for a change, the history and the audit.</summary>
    public static void Apply(AccrueDb db, AuditTrail audit, IDictionary<Guid, PartnerTier> tiers, TierProposal proposal, string period,
                             string reason, Actor by, DateTimeOffset now)
    {
        var tier = Ensure(db, tiers, proposal.PartnerId, proposal.CurrentTierId, now);
        var from = tier.TierId;
        (tier.TierId, tier.GraceCount, tier.UpdatedAt, tier.Revision) = (proposal.ProposedTierId, proposal.GraceCount, now, Guid.NewGuid());
        if (from == proposal.ProposedTierId) return;
        var kind = proposal.Kind == TierDecisionKind.Promote ? TierChangeKind.Promotion : TierChangeKind.Demotion;
        db.TierChanges.Add(new TierChange
        {
            PartnerId = proposal.PartnerId, FromTierId = from, ToTierId = proposal.ProposedTierId, Kind = kind, Period = period,
            ProposalId = proposal.Id, Reason = proposal.Explanation, DecidedAt = now, DecidedBy = by.Name,
        });
        audit.Record(db, kind == TierChangeKind.Promotion ? "TierPromoted" : "TierDemoted", "PartnerTier", proposal.PartnerId, proposal.PartnerId,
                     new { TierId = from }, new { TierId = proposal.ProposedTierId, Period = period }, reason, by);
    }

    public static PartnerTier Ensure(AccrueDb db, IDictionary<Guid, PartnerTier> tiers, Guid partnerId, string tierId, DateTimeOffset now)
    {
        if (tiers.TryGetValue(partnerId, out var tier)) return tier;
        tier = new PartnerTier { PartnerId = partnerId, TierId = tierId, UpdatedAt = now };
        db.PartnerTiers.Add(tier);
        tiers[partnerId] = tier;
        return tier;
    }
}
