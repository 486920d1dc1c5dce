using Accrue.Data.Incentives;

namespace Accrue.Web.Features.Incentives;

/// <summary>Calculates a period; AsOf defaults to today (a period in progress gives its accruals so far).</summary>
public sealed record StartCalculationRequest(string? Period, DateOnly? AsOf = null);

public sealed record CalculationRunView(
    Guid Id, string Period, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly AsOf, int ProgramVersion, string Currency,
    CalculationRunStatus Status, string Stage, int PartnersTotal, int PartnersDone, int LineCount, int PartnersPaid,
    long CashTotalMinor, long FundTotalMinor, long CashBudgetCutMinor, int? EngineMilliseconds,
    DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? FinishedAt, string? Error);

/// <summary>A completed run's totals: per rule (with its budget's consumption), per tier in force, and the cash budget.</summary>
public sealed record CalculationSummary(
    CalculationRunView Run, IReadOnlyList<RuleTotal> Rules, IReadOnlyList<TierTotal> Tiers, CashBudgetUse? CashBudget);

/// <param name="BudgetMinor">The rule budget of the run's version; null: none.</param>
public sealed record RuleTotal(
    string RuleId, string Name, IncentiveLineKind Kind, bool IsCash, int Lines, int Partners, long AmountMinor, long UncappedMinor,
    int CappedLines, long? BudgetMinor);

public sealed record TierTotal(string TierId, string TierName, int Partners, long CashMinor, long FundMinor);

/// <param name="UsedMinor">Cash paid after the budget; CutMinor the reduction (zero or negative).</param>
public sealed record CashBudgetUse(long BudgetMinor, long UsedMinor, long EarnedMinor, long CutMinor, int PartnersCut);

public enum LineSort { Partner, AmountDescending, AmountAscending, Rule }

public sealed record LineQuery(Guid RunId, Guid? PartnerId, string? RuleId, string? Search, LineSort Sort, int Page, int PageSize);

public sealed record IncentiveLineView(
    Guid Id, Guid RunId, string Period, Guid PartnerId, string PartnerName, string RuleId, string RuleName, IncentiveLineKind Kind,
    string? TierId, string Currency, long AmountMinor, long UncappedMinor, bool CapApplied, long? BudgetScaledFromMinor, string Explanation);

/// <summary>A line with what earned it: the deals (as the staff see them), certification events and the values read.</summary>
public sealed record IncentiveLineDetail(
    IncentiveLineView Line, int ProgramVersion, IReadOnlyList<BasisDeal> Deals, IReadOnlyList<BasisCertification> Certifications,
    IReadOnlyList<BasisValueView> Values);

public sealed record BasisDeal(Guid DealId, string CustomerName, string? Product, long AmountMinor, string Currency, DateOnly? ClosedOn);

public sealed record BasisCertification(Guid PersonId, Guid CertificationId, string CertificationName, DateOnly EarnedOn);

public sealed record BasisValueView(string Name, decimal Value);

/// <summary>A partner's target for a period, in the program currency's major units (12500.50).</summary>
public sealed record TargetRow(Guid PartnerId, string Period, decimal Amount);

public sealed record TargetView(Guid PartnerId, string PartnerName, string Period, long AmountMinor, string Currency, DateTimeOffset UpdatedAt, string UpdatedBy);
