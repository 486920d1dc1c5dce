// The program definition: one versioned document per program. This issue holds its calendar, the
// tier ladder, the evaluation policy and the incentive rules; funds and calendar rules join it later.
// The web side and the program file are written against these types.
using Accrue.Engine.Incentives;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Engine.Program;

public sealed record ProgramDefinition
{
    public required string Name { get; init; }
    /// <summary>ISO 4217 code; every amount of the program is converted into it.</summary>
    public string Currency { get; init; } = "USD";
    /// <summary>IANA time zone in which the dates of facts are read.</summary>
    public string TimeZone { get; init; } = "UTC";
    public int FiscalYearStartMonth { get; init; } = 1;
    /// <summary>How many days before a new version takes effect partners must be told of it.</summary>
    public int ChangeNoticeDays { get; init; } = 30;
    /// <summary>The ladder, from the entry tier (no criteria) up.</summary>
    public IReadOnlyList<TierDefinition> Tiers { get; init; } = [];
    public EvaluationPolicy Evaluation { get; init; } = new();
    /// <summary>The incentive rules, in the order that breaks stacking ties (the rule listed first wins).</summary>
    public IReadOnlyList<IncentiveRule> Incentives { get; init; } = [];
    /// <summary>A limit on all cash rules' total per period, applied last; null: none.</summary>
    public CashBudget? CashBudget { get; init; }

    public FiscalCalendar Calendar => new(FiscalYearStartMonth);
}

public sealed record TierDefinition
{
    /// <summary>Stable key ("gold") used in partner state, files and history; the name may change.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>Null: all criteria must pass. n: at least n of them.</summary>
    public int? AtLeast { get; init; }
    public IReadOnlyList<TierCriterion> Criteria { get; init; } = [];
    public TierBenefits Benefits { get; init; } = new();
}

/// <summary>metric ≥ threshold (≤ for a metric where lower is better) over a trailing window.</summary>
/// <param name="Threshold">Money metrics in the program currency's major units; win_rate and growth in percent.</param>
/// <param name="Track">certified_people only: count certifications of this track alone.</param>
public sealed record TierCriterion(Metric Metric, decimal Threshold, TrailingWindow Window, CertificationTrack? Track = null);

public sealed record TierBenefits
{
    public decimal DiscountPercent { get; init; }
    /// <summary>Scales rebate rates only (1.25 = a Gold partner earns 1.25× a rule's rate).</summary>
    public decimal RebateMultiplier { get; init; } = 1m;
    /// <summary>Deal protection for approved registrations; null keeps the program default.</summary>
    public int? DealProtectionDays { get; init; }
    public decimal FundAccrualPercent { get; init; }
    public string? SupportLevel { get; init; }
}

public sealed record EvaluationPolicy
{
    public PeriodUnit Cadence { get; init; } = PeriodUnit.Quarter;
    /// <summary>g: evaluations below tier a partner may have before it moves down.</summary>
    public int GraceEvaluations { get; init; } = 1;
    /// <summary>Demote one level at a time (true) or straight to the qualifying tier.</summary>
    public bool SoftReset { get; init; } = true;
    /// <summary>A partner that joined less than this many calendar months before the evaluation date is never demoted.</summary>
    public int RampMonths { get; init; } = 6;
    /// <summary>False: promotions apply without review.</summary>
    public bool PromotionsNeedApproval { get; init; } = true;
    public bool DemotionsNeedApproval { get; init; } = true;
}

/// <summary>The metrics of the semantics; <see cref="Metrics.MetricNames"/> spells them as the file does.</summary>
public enum Metric
{
    WonRevenue, WonDeals, RegisteredDeals, QualifiedOpportunities, WinRate, AvgDaysToClose, Growth,
    CertifiedPeople, DistinctCertifications, TrainingCompletions, MarketingActivities, BusinessReviews,
}

/// <summary>A problem in a program definition: where (line and column when it came from a file; the field's path) and what.</summary>
/// <param name="Path">"tiers[2].criteria[0].metric"; "" for the document itself.</param>
public sealed record ProgramProblem(string Path, string Message, int? Line = null, int? Column = null)
{
    /// <summary>"line 12, tiers[2].criteria[0].metric: unknown metric 'won_revenu' — did you mean 'won_revenue'?"</summary>
    public override string ToString() =>
        (Line is { } l ? $"line {l}, " : "") + (Path.Length > 0 ? $"{Path}: " : "") + Message;
}

/// <summary>A definition read from a file or checked after editing: the definition when it is sound, the problems otherwise.</summary>
public sealed record ProgramCheck(ProgramDefinition? Definition, IReadOnlyList<ProgramProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Definition is not null;
}
