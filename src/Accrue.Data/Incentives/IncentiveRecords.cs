using Accrue.Data.Partners;

namespace Accrue.Data.Incentives;

public enum CalculationRunStatus { Running, Completed, Failed }

/// <summary>An incentive calculation for a period: its progress while it runs, then its lines and their totals.</summary>
/// <remarks>
/// A period may be calculated any number of times (a later run sees corrected deals, payments and
/// reversals); each run keeps its own lines, which never change once stored. The ledger posts a
/// run, and a later run's difference.
/// </remarks>
public sealed class CalculationRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>"2026-Q3".</summary>
    public required string Period { get; init; }
    public DateOnly PeriodStart { get; init; }
    /// <summary>The period's exclusive end.</summary>
    public DateOnly PeriodEnd { get; init; }
    /// <summary>The run's date: payments and reversals dated before it are seen.</summary>
    public DateOnly AsOf { get; init; }
    /// <summary>The published version in force on the period's last day, whose rules were calculated.</summary>
    public int ProgramVersion { get; init; }
    /// <summary>The program currency: every amount of the run is in it.</summary>
    public required string Currency { get; init; }
    public CalculationRunStatus Status { get; set; } = CalculationRunStatus.Running;
    /// <summary>What the run is doing, in words ("Loading facts", "Calculating", "Storing lines").</summary>
    public string Stage { get; set; } = "Queued";
    public int PartnersTotal { get; set; }
    /// <summary>Partners whose lines are stored so far.</summary>
    public int PartnersDone { get; set; }
    public int LineCount { get; set; }
    /// <summary>Partners with at least one line that pays something.</summary>
    public int PartnersPaid { get; set; }
    /// <summary>Cash paid to partners: cash rule lines plus the cash budget's reductions.</summary>
    public long CashTotalMinor { get; set; }
    /// <summary>Accrued into partners' co-marketing funds.</summary>
    public long FundTotalMinor { get; set; }
    /// <summary>The program cash budget's total reduction (zero or negative).</summary>
    public long CashBudgetCutMinor { get; set; }
    /// <summary>How long the engine itself took, facts resident to lines.</summary>
    public int? EngineMilliseconds { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public required string StartedBy { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
}

/// <summary>What a stored line is: one of the rule kinds, or the program cash budget's reduction of a partner's cash total.</summary>
public enum IncentiveLineKind { Rebate, Accelerator, Spiff, GrowthBonus, ReferralFee, FundAccrual, CashBudget }

/// <summary>One line of a run, as the engine gave it: a partner's accrual for one rule, or a cash budget line.</summary>
/// <remarks>
/// Amounts are in the run's currency's minor units. A cash budget line has rule id "cash-budget", its
/// (negative) reduction as both amount and uncapped amount, and the partner's cash total before it
/// in <see cref="BudgetScaledFromMinor"/>.
/// </remarks>
public sealed class IncentiveLine
{
    public const string CashBudgetRuleId = "cash-budget";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RunId { get; init; }
    public CalculationRun? Run { get; init; }
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    public required string RuleId { get; init; }
    public IncentiveLineKind Kind { get; init; }
    public int ProgramVersion { get; init; }
    public required string Period { get; init; }
    /// <summary>The tier in force for the period, that eligibility and multipliers read.</summary>
    public string? TierId { get; init; }
    public required string Currency { get; init; }
    public long AmountMinor { get; init; }
    public long UncappedMinor { get; init; }
    public bool CapApplied { get; init; }
    public long? BudgetScaledFromMinor { get; init; }
    /// <summary>The deals, certification events and named values that earned the line (JSON).</summary>
    public required string Basis { get; init; }
    public required string Explanation { get; init; }
}

/// <summary>A partner's target for a period, read by accelerators; in the program currency.</summary>
public sealed class PartnerTarget
{
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    /// <summary>"2026-Q3".</summary>
    public required string Period { get; init; }
    public long AmountMinor { get; set; }
    public required string Currency { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
