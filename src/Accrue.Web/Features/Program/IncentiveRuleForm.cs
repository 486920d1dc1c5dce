using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Web.Features.Program;

/// <summary>One incentive rule as the draft's Form tab edits it; <see cref="ToRule"/> keeps only the fields its kind reads.</summary>
/// <remarks>
/// The form keeps every field while the kind changes (switching kinds back and forth loses nothing),
/// and writes out only what the kind reads, as the program file's validation requires.
/// </remarks>
public sealed class IncentiveRuleForm
{
    /// <summary>Keeps Blazor's rows apart while rules move up and down.</summary>
    public Guid Key { get; } = Guid.NewGuid();
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public IncentiveKind Kind { get; set; } = IncentiveKind.Rebate;
    public PeriodUnit Period { get; set; } = PeriodUnit.Quarter;

    public IReadOnlyCollection<string> Tiers { get; set; } = [];
    public IReadOnlyCollection<PartnerType> PartnerTypes { get; set; } = [];
    public IReadOnlyCollection<Region> Regions { get; set; } = [];
    /// <summary>Comma-separated, as people type lists.</summary>
    public string Segments { get; set; } = "";
    public string Products { get; set; } = "";
    public bool RequiresInfluence { get; set; }
    public bool RequiresPayment { get; set; }

    public BracketMode BracketMode { get; set; } = BracketMode.Marginal;
    public List<BracketForm> Brackets { get; set; } = [new()];
    public decimal RatePercent { get; set; }
    public bool RateFromTier { get; set; }
    public decimal SpiffAmount { get; set; }
    public SpiffEvent SpiffEvent { get; set; } = SpiffEvent.WonDeal;
    public int? MaxCount { get; set; }
    public decimal GrowthThresholdPercent { get; set; }

    public decimal? CapPerPartner { get; set; }
    public decimal? Budget { get; set; }
    public BudgetMode BudgetMode { get; set; } = BudgetMode.ProRata;
    public string? ExclusiveGroup { get; set; }
    public int? ClawbackDays { get; set; }

    /// <summary>Pays per deal (SPIFFs on deals, referral fees): only these may be first-come or share an exclusive group.</summary>
    public bool IsPerDeal => ToRule().IsPerDeal;
    public RuleFields.Needed Needs => RuleFields.Needs(ToRule());

    public static IncentiveRuleForm From(IncentiveRule r) => new()
    {
        Id = r.Id, Name = r.Name, Kind = r.Kind, Period = r.Period,
        Tiers = r.Eligibility.Tiers.ToList(), PartnerTypes = r.Eligibility.PartnerTypes.ToList(), Regions = r.Eligibility.Regions.ToList(),
        Segments = string.Join(", ", r.Eligibility.Segments), Products = string.Join(", ", r.Eligibility.Products),
        RequiresInfluence = r.RequiresInfluence, RequiresPayment = r.RequiresPayment,
        BracketMode = r.BracketMode, Brackets = r.Brackets.Count == 0 ? [new()] : r.Brackets.Select(b => new BracketForm { From = b.From, RatePercent = b.RatePercent }).ToList(),
        RatePercent = r.RatePercent, RateFromTier = r.RateFromTier, SpiffAmount = r.SpiffAmount, SpiffEvent = r.SpiffEvent, MaxCount = r.MaxCount,
        GrowthThresholdPercent = r.GrowthThresholdPercent, CapPerPartner = r.CapPerPartner, Budget = r.Budget, BudgetMode = r.BudgetMode,
        ExclusiveGroup = r.ExclusiveGroup, ClawbackDays = r.ClawbackDays,
    };

    public IncentiveRule ToRule()
    {
        var shape = new IncentiveRule { Id = "", Name = "", Kind = Kind, RateFromTier = Kind == IncentiveKind.FundAccrual && RateFromTier, SpiffEvent = SpiffEvent };
        var needs = RuleFields.Needs(shape);
        return shape with
        {
            Id = Id?.Trim() ?? "", Name = Name?.Trim() ?? "", Period = Period,
            Eligibility = new IncentiveEligibility
            {
                Tiers = Tiers.ToList(), PartnerTypes = PartnerTypes.ToList(), Regions = Regions.ToList(), Segments = List(Segments), Products = List(Products),
            },
            RequiresInfluence = RequiresInfluence, RequiresPayment = RequiresPayment,
            BracketMode = needs.BracketMode ? BracketMode : BracketMode.Marginal,
            Brackets = needs.Brackets ? Brackets.Select(b => new RateBracket(b.From, b.RatePercent)).ToList() : [],
            RatePercent = needs.Rate ? RatePercent : 0,
            SpiffAmount = needs.Amount ? SpiffAmount : 0,
            SpiffEvent = needs.Event ? SpiffEvent : SpiffEvent.WonDeal,
            MaxCount = Kind == IncentiveKind.Spiff ? MaxCount : null,
            GrowthThresholdPercent = needs.GrowthThreshold ? GrowthThresholdPercent : 0,
            CapPerPartner = CapPerPartner, Budget = Budget, BudgetMode = Budget is null || !shape.IsPerDeal ? BudgetMode.ProRata : BudgetMode,
            ExclusiveGroup = shape.IsPerDeal && !string.IsNullOrWhiteSpace(ExclusiveGroup) ? ExclusiveGroup.Trim() : null,
            ClawbackDays = ClawbackDays,
        };
    }

    static List<string> List(string text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

public sealed class BracketForm
{
    public Guid Key { get; } = Guid.NewGuid();
    /// <summary>Revenue in the program currency's major units where the bracket starts; the first starts at 0.</summary>
    public decimal From { get; set; }
    public decimal RatePercent { get; set; }
}

/// <summary>The program cash budget as the form edits it: off, or an amount per period.</summary>
public sealed class CashBudgetForm
{
    public bool On { get; set; }
    public decimal Amount { get; set; }
    public PeriodUnit Per { get; set; } = PeriodUnit.Quarter;

    public static CashBudgetForm From(CashBudget? b) => b is null ? new() : new() { On = true, Amount = b.Amount, Per = b.Per };

    public CashBudget? ToBudget() => On ? new CashBudget(Amount, Per) : null;
}
