// The incentive rules of a program and the accrual lines a calculation yields. The program file,
// the web forms, the command line and the benchmark are written against these types; the engine
// lives beside this file (IncentiveCalculation.*.cs), its facts in IncentiveFacts.cs.
using Accrue.Engine.Partners;
using Accrue.Engine.Time;

namespace Accrue.Engine.Incentives;

public enum IncentiveKind { Rebate, Accelerator, Spiff, GrowthBonus, ReferralFee, FundAccrual }

/// <summary>Marginal: each slice of revenue earns its bracket's rate. Retroactive: the highest bracket reached pays on all of it.</summary>
public enum BracketMode { Marginal, Retroactive }

/// <summary>ProRata scales every partner's line down; FirstCome pays events in event order until the budget runs out (per-deal rules only).</summary>
public enum BudgetMode { ProRata, FirstCome }

/// <summary>What a SPIFF pays for: a won deal (of the rule's products, when it names any), a won new-logo deal, a certification earned.</summary>
public enum SpiffEvent { WonDeal, NewLogo, CertificationEarned }

/// <summary>A bracket [From, next bracket's From) at a rate; the first starts at 0, the last is open.</summary>
/// <param name="From">Revenue in the program currency's major units.</param>
/// <param name="RatePercent">4 is 4 %.</param>
public sealed record RateBracket(decimal From, decimal RatePercent);

/// <summary>Who and what a rule pays for; an empty list admits everyone (every tier, type, region, segment, product).</summary>
public sealed record IncentiveEligibility
{
    /// <summary>Tier ids, judged on the tier in force during the period.</summary>
    public IReadOnlyList<string> Tiers { get; init; } = [];
    public IReadOnlyList<PartnerType> PartnerTypes { get; init; } = [];
    public IReadOnlyList<Region> Regions { get; init; } = [];
    /// <summary>The partner's segment or vertical, as the partner record spells it (ordinal comparison).</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];
    /// <summary>The deal's product, as the deal spells it (ordinal); a deal without a product never matches a list.</summary>
    public IReadOnlyList<string> Products { get; init; } = [];
}

/// <summary>One incentive rule of a program: its kind, cadence, eligibility, how much it pays and the limits on it.</summary>
/// <remarks>
/// Money is in the program currency's major units (as tier thresholds are), rates in percent.
/// Which fields a kind reads: Rebate — Brackets, BracketMode; Accelerator — RatePercent over the
/// partner's target; Spiff — SpiffAmount, SpiffEvent, MaxCount; GrowthBonus — RatePercent,
/// GrowthThresholdPercent; ReferralFee — RatePercent of each won referred deal; FundAccrual —
/// RatePercent, or the tier's fund accrual percent with RateFromTier. The others are ignored.
/// </remarks>
public sealed record IncentiveRule
{
    /// <summary>Stable key ("q-rebate") used in lines, files and history; the name may change.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required IncentiveKind Kind { get; init; }
    /// <summary>The cadence: a calculation for a period computes the rules of the period's unit.</summary>
    public PeriodUnit Period { get; init; } = PeriodUnit.Quarter;
    public IncentiveEligibility Eligibility { get; init; } = new();
    /// <summary>Only deals carrying evidence of partner influence (co-selling call, joint demo, partner-sourced lead) earn.</summary>
    public bool RequiresInfluence { get; init; }
    /// <summary>Payment milestone: only deals whose customer payment is dated before the run's date earn.</summary>
    public bool RequiresPayment { get; init; }

    public BracketMode BracketMode { get; init; } = BracketMode.Marginal;
    public IReadOnlyList<RateBracket> Brackets { get; init; } = [];
    public decimal RatePercent { get; init; }
    public bool RateFromTier { get; init; }

    public decimal SpiffAmount { get; init; }
    public SpiffEvent SpiffEvent { get; init; } = SpiffEvent.WonDeal;
    /// <summary>At most this many SPIFF events pay per partner and period, the first in event order.</summary>
    public int? MaxCount { get; init; }

    /// <summary>Growth bonus: pays when growth in percent (40 is 40 %) is at least this.</summary>
    public decimal GrowthThresholdPercent { get; init; }

    /// <summary>Limits the rule's payout to one partner in a period.</summary>
    public decimal? CapPerPartner { get; init; }
    /// <summary>Limits the rule's total in a period.</summary>
    public decimal? Budget { get; init; }
    public BudgetMode BudgetMode { get; init; } = BudgetMode.ProRata;
    /// <summary>Rules of one exclusive group never both pay on the same deal (per-deal rules only).</summary>
    public string? ExclusiveGroup { get; init; }
    /// <summary>A deal reversed within [close date, close date + N days) stops earning; null keeps what a reversed deal earned.</summary>
    public int? ClawbackDays { get; init; }

    /// <summary>Pays per deal (SPIFFs on deals, referral fees): may be first-come and stack in a group.</summary>
    public bool IsPerDeal => Kind == IncentiveKind.ReferralFee || Kind == IncentiveKind.Spiff && SpiffEvent != SpiffEvent.CertificationEarned;

    /// <summary>Pays cash (everything but fund accrual, which goes into the partner's co-marketing fund).</summary>
    public bool IsCash => Kind != IncentiveKind.FundAccrual;
}

/// <summary>The program's cash budget: a limit on all cash rules' total in each period of a unit, applied last.</summary>
/// <param name="Amount">Program currency, major units.</param>
public sealed record CashBudget(decimal Amount, PeriodUnit Per = PeriodUnit.Quarter);

/// <summary>What earned a line: the deals or certification events, and the metric values read.</summary>
/// <param name="Deals">Deal ids in event order.</param>
/// <param name="Values">Named values in words' order: "eligible revenue", "previous revenue", "target", "rate %", "multiplier".</param>
public sealed record AccrualBasis(IReadOnlyList<Guid> Deals, IReadOnlyList<CertificationEvent> Certifications, IReadOnlyList<BasisValue> Values);

public readonly record struct CertificationEvent(Guid PersonId, Guid CertificationId, DateOnly EarnedOn);

public readonly record struct BasisValue(string Name, decimal Value);

/// <summary>One partner's accrual for one rule and period, rounded once; amounts in the program currency's minor units.</summary>
/// <param name="AmountMinor">What is accrued after the cap and the rule budget (never more than <paramref name="UncappedMinor"/>).</param>
/// <param name="UncappedMinor">What the rule earned, rounded once, before caps and budgets.</param>
/// <param name="CapApplied">The per-partner cap lowered the line.</param>
/// <param name="BudgetScaledFrom">The capped amount the rule budget scaled down from; null when the budget did not touch the line.</param>
/// <remarks>
/// The explanation is written when it is first read: a calculation makes about a hundred thousand
/// lines, and a what-if or a forecast reads only their amounts. Equal lines have equal explanations.
/// </remarks>
public sealed record AccrualLine(
    Guid PartnerId, string RuleId, IncentiveKind Kind, string Period, string Currency, long AmountMinor, long UncappedMinor,
    bool CapApplied, long? BudgetScaledFrom, AccrualBasis Basis)
{
    readonly Func<string> explain = () => "";
    string? explanation;

    internal AccrualLine(Guid partnerId, string ruleId, IncentiveKind kind, string period, string currency, long amountMinor, long uncappedMinor,
                         bool capApplied, long? budgetScaledFrom, AccrualBasis basis, Func<string> explain)
        : this(partnerId, ruleId, kind, period, currency, amountMinor, uncappedMinor, capApplied, budgetScaledFrom, basis) => this.explain = explain;

    /// <summary>The line in words: what earned it, how much, and what caps and budgets left of it.</summary>
    public string Explanation => explanation ??= explain();

    public bool IsCash => Kind != IncentiveKind.FundAccrual;

    public bool Equals(AccrualLine? other) =>
        other is not null && (PartnerId, RuleId, Kind, Period, Currency, AmountMinor, UncappedMinor, CapApplied, BudgetScaledFrom, Basis)
        == (other.PartnerId, other.RuleId, other.Kind, other.Period, other.Currency, other.AmountMinor, other.UncappedMinor, other.CapApplied,
            other.BudgetScaledFrom, other.Basis) && Explanation == other.Explanation;

    public override int GetHashCode() => HashCode.Combine(PartnerId, RuleId, Period, AmountMinor, Basis);
}

/// <summary>The program cash budget's reduction of one partner's cash total (negative), so every rule line still shows what it earned.</summary>
/// <remarks>Its explanation, too, is written when first read.</remarks>
public sealed record CashBudgetLine(Guid PartnerId, string Period, string Currency, long AmountMinor, long CashTotalMinor)
{
    readonly Func<string> explain = () => "";
    string? explanation;

    internal CashBudgetLine(Guid partnerId, string period, string currency, long amountMinor, long cashTotalMinor, Func<string> explain)
        : this(partnerId, period, currency, amountMinor, cashTotalMinor) => this.explain = explain;

    public string Explanation => explanation ??= explain();

    public bool Equals(CashBudgetLine? other) =>
        other is not null && (PartnerId, Period, Currency, AmountMinor, CashTotalMinor) == (other.PartnerId, other.Period, other.Currency, other.AmountMinor, other.CashTotalMinor)
        && Explanation == other.Explanation;

    public override int GetHashCode() => HashCode.Combine(PartnerId, Period, AmountMinor, CashTotalMinor);
}

/// <summary>A calculation's result: lines ordered by partner id, then by the rules' order in the program; budget lines by partner id.</summary>
public sealed record IncentiveResult(IReadOnlyList<AccrualLine> Lines, IReadOnlyList<CashBudgetLine> BudgetLines)
{
    /// <summary>What the partners are paid in cash: cash lines plus budget lines.</summary>
    public long CashTotalMinor => Lines.Where(l => l.IsCash).Sum(l => l.AmountMinor) + BudgetLines.Sum(l => l.AmountMinor);
}

/// <summary>A rule the engine cannot run: which rule and why.</summary>
public sealed class InvalidIncentiveRuleException(string ruleId, string reason)
    : Exception($"Incentive rule '{ruleId}': {reason}")
{
    public string RuleId { get; } = ruleId;
}
