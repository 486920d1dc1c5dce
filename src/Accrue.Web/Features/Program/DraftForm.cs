using Accrue.Engine.Incentives;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Web.Features.Program;

/// <summary>The draft as the form edits it: mutable, one field per input; <see cref="ToDefinition"/> gives the engine's record to validate and write.</summary>
public sealed class DraftForm
{
    public string Name { get; set; } = "";
    public string Currency { get; set; } = "USD";
    public string TimeZone { get; set; } = "UTC";
    public int FiscalYearStartMonth { get; set; } = 1;
    public int ChangeNoticeDays { get; set; } = 30;
    public PeriodUnit Cadence { get; set; } = PeriodUnit.Quarter;
    public int GraceEvaluations { get; set; } = 1;
    public bool SoftReset { get; set; } = true;
    public int RampMonths { get; set; } = 6;
    public bool PromotionsNeedApproval { get; set; } = true;
    public bool DemotionsNeedApproval { get; set; } = true;
    public List<TierForm> Tiers { get; set; } = [];
    /// <summary>The incentive rules in the program's order (the order breaks stacking ties).</summary>
    public List<IncentiveRuleForm> Incentives { get; set; } = [];
    public CashBudgetForm CashBudget { get; set; } = new();

    /// <summary>A new program: the entry tier alone.</summary>
    public static DraftForm Blank() => new() { Name = "Partner program", Tiers = [new TierForm { Id = "registered", Name = "Registered" }] };

    public static DraftForm From(ProgramDefinition d) => new()
    {
        Name = d.Name, Currency = d.Currency, TimeZone = d.TimeZone, FiscalYearStartMonth = d.FiscalYearStartMonth, ChangeNoticeDays = d.ChangeNoticeDays,
        Cadence = d.Evaluation.Cadence, GraceEvaluations = d.Evaluation.GraceEvaluations, SoftReset = d.Evaluation.SoftReset,
        RampMonths = d.Evaluation.RampMonths, PromotionsNeedApproval = d.Evaluation.PromotionsNeedApproval,
        DemotionsNeedApproval = d.Evaluation.DemotionsNeedApproval,
        Tiers = d.Tiers.Select(TierForm.From).ToList(),
        Incentives = d.Incentives.Select(IncentiveRuleForm.From).ToList(), CashBudget = CashBudgetForm.From(d.CashBudget),
    };

    public ProgramDefinition ToDefinition() => new()
    {
        Name = Name?.Trim() ?? "", Currency = Currency?.Trim().ToUpperInvariant() ?? "", TimeZone = TimeZone?.Trim() ?? "",
        FiscalYearStartMonth = FiscalYearStartMonth, ChangeNoticeDays = ChangeNoticeDays,
        Evaluation = new EvaluationPolicy
        {
            Cadence = Cadence, GraceEvaluations = GraceEvaluations, SoftReset = SoftReset, RampMonths = RampMonths,
            PromotionsNeedApproval = PromotionsNeedApproval, DemotionsNeedApproval = DemotionsNeedApproval,
        },
        Tiers = Tiers.Select(t => t.ToDefinition()).ToList(),
        Incentives = Incentives.Select(r => r.ToRule()).ToList(), CashBudget = CashBudget.ToBudget(),
    };
}

public sealed class TierForm
{
    /// <summary>Keeps Blazor's rows apart while tiers move up and down.</summary>
    public Guid Key { get; } = Guid.NewGuid();
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>False: all criteria must pass; true: at least <see cref="AtLeast"/> of them.</summary>
    public bool SomeOf { get; set; }
    public int AtLeast { get; set; } = 1;
    public List<CriterionForm> Criteria { get; set; } = [];
    public decimal DiscountPercent { get; set; }
    public decimal RebateMultiplier { get; set; } = 1m;
    public int? DealProtectionDays { get; set; }
    public decimal FundAccrualPercent { get; set; }
    public string? SupportLevel { get; set; }

    public static TierForm From(TierDefinition t) => new()
    {
        Id = t.Id, Name = t.Name, SomeOf = t.AtLeast is not null, AtLeast = t.AtLeast ?? Math.Max(1, t.Criteria.Count - 1),
        Criteria = t.Criteria.Select(CriterionForm.From).ToList(),
        DiscountPercent = t.Benefits.DiscountPercent, RebateMultiplier = t.Benefits.RebateMultiplier,
        DealProtectionDays = t.Benefits.DealProtectionDays, FundAccrualPercent = t.Benefits.FundAccrualPercent, SupportLevel = t.Benefits.SupportLevel,
    };

    public TierDefinition ToDefinition() => new()
    {
        Id = Id?.Trim() ?? "", Name = Name?.Trim() ?? "", AtLeast = SomeOf ? AtLeast : null,
        Criteria = Criteria.Select(c => c.ToDefinition()).ToList(),
        Benefits = new TierBenefits
        {
            DiscountPercent = DiscountPercent, RebateMultiplier = RebateMultiplier, DealProtectionDays = DealProtectionDays,
            FundAccrualPercent = FundAccrualPercent, SupportLevel = string.IsNullOrWhiteSpace(SupportLevel) ? null : SupportLevel.Trim(),
        },
    };
}

public sealed class CriterionForm
{
    public Guid Key { get; } = Guid.NewGuid();
    public Metric Metric { get; set; } = Metric.WonRevenue;
    public decimal Threshold { get; set; }
    public int WindowCount { get; set; } = 4;
    public PeriodUnit WindowUnit { get; set; } = PeriodUnit.Quarter;
    public CertificationTrack? Track { get; set; }

    public static CriterionForm From(TierCriterion c) => new()
    {
        Metric = c.Metric, Threshold = c.Threshold, WindowCount = c.Window.Count, WindowUnit = c.Window.Unit, Track = c.Track,
    };

    /// <summary>A track only counts for certified_people; switching the metric away drops it.</summary>
    public TierCriterion ToDefinition() =>
        new(Metric, Threshold, new TrailingWindow(WindowCount, WindowUnit), Metric == Metric.CertifiedPeople ? Track : null);
}
