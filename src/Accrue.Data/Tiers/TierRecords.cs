using Accrue.Data.Partners;
using Accrue.Engine.Tiers;

namespace Accrue.Data.Tiers;

/// <summary>A partner's place on the ladder: its tier in force, its grace count and any override's lock.</summary>
public sealed class PartnerTier
{
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    public required string TierId { get; set; }
    public int GraceCount { get; set; }
    /// <summary>A manual override's lock: before this day evaluations explain but propose nothing.</summary>
    public DateOnly? LockedUntil { get; set; }
    public string? OverrideReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Revision { get; set; } = Guid.NewGuid();
}

public enum EvaluationRunStatus { Running, Completed, Failed }

/// <summary>A tier evaluation for a period: its progress while it runs, then the proposals it made.</summary>
public sealed class TierEvaluationRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>"2026-Q3".</summary>
    public required string Period { get; init; }
    /// <summary>The period's exclusive end: windows end here; ramp and locks are judged on it.</summary>
    public DateOnly EvaluatedOn { get; init; }
    public int ProgramVersion { get; init; }
    public EvaluationRunStatus Status { get; set; } = EvaluationRunStatus.Running;
    public int PartnersTotal { get; set; }
    public int PartnersDone { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public required string StartedBy { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
}

public enum ProposalStatus
{
    /// <summary>A tier change waiting for a program admin.</summary>
    Pending,
    Approved,
    Rejected,
    /// <summary>No approval needed (no tier change, or a promotion the policy approves): in force at once.</summary>
    Applied,
}

/// <summary>One partner's result in an evaluation run: the engine's decision and, for tier changes, its review.</summary>
public sealed class TierProposal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RunId { get; init; }
    public TierEvaluationRun? Run { get; init; }
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    public TierDecisionKind Kind { get; init; }
    public required string CurrentTierId { get; init; }
    public required string QualifyingTierId { get; init; }
    public required string ProposedTierId { get; init; }
    /// <summary>The grace count once the decision takes effect.</summary>
    public int GraceCount { get; init; }
    /// <summary>The grace count if a proposed change is rejected: the partner keeps its tier and the count goes on.</summary>
    public int GraceCountIfRejected { get; init; }
    public int GraceAllowed { get; init; }
    public required string Explanation { get; init; }
    /// <summary>The criteria of the current, next and qualifying tiers as the engine judged them (JSON).</summary>
    public required string Criteria { get; init; }
    public ProposalStatus Status { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionReason { get; set; }
    public Guid Revision { get; set; } = Guid.NewGuid();
}

public enum TierChangeKind { Promotion, Demotion, Override }

/// <summary>A change of a partner's tier, as it took effect: the partner's tier history.</summary>
public sealed class TierChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    public required string FromTierId { get; init; }
    public required string ToTierId { get; init; }
    public TierChangeKind Kind { get; init; }
    /// <summary>The evaluated period, for changes that came from an evaluation.</summary>
    public string? Period { get; init; }
    public Guid? ProposalId { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public required string DecidedBy { get; init; }
}
