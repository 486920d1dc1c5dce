using Accrue.Data.Tiers;
using Accrue.Engine.Tiers;

namespace Accrue.Web.Features.Tiers;

public sealed record StartEvaluationRequest(string Period);

public sealed record EvaluationRunView(
    Guid Id, string Period, DateOnly EvaluatedOn, int ProgramVersion, EvaluationRunStatus Status, int PartnersTotal, int PartnersDone,
    DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? FinishedAt, string? Error, IReadOnlyDictionary<string, int> Proposals);

/// <summary>One partner's result in a run, as reviewers see it.</summary>
public sealed record ProposalView(
    Guid Id, Guid RunId, string Period, Guid PartnerId, string PartnerName, TierDecisionKind Kind, string CurrentTier, string QualifyingTier,
    string ProposedTier, int GraceCount, int GraceAllowed, string Explanation, ProposalStatus Status, DateTimeOffset? DecidedAt,
    string? DecidedBy, string? DecisionReason);

public sealed record ProposalDetail(ProposalView Proposal, IReadOnlyList<TierCheck> Checks);

public sealed record ProposalQuery(Guid RunId, ProposalStatus? Status, TierDecisionKind? Kind, string? Tier, string? Search, int Page, int PageSize);

/// <summary>Proposals to approve or reject together; a rejection needs a reason.</summary>
public sealed record ProposalDecision(IReadOnlyList<Guid> ProposalIds, string? Reason);

public sealed record ProposalDecisionResult(Guid ProposalId, bool Done, string Message);

/// <summary>Sets a partner's tier by hand; until LockedUntil, evaluations explain but propose nothing.</summary>
public sealed record TierOverrideRequest(string TierId, string Reason, DateOnly? LockedUntil);

public sealed record TierHistoryItem(
    DateTimeOffset DecidedAt, string FromTier, string ToTier, TierChangeKind Kind, string? Period, string Reason, string DecidedBy);
