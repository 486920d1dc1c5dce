using System.Text;
using Accrue.Engine.Incentives;

namespace Accrue.Engine.Program;

// The canonical form of the incentive rules: id, name, kind and period always; the fields the
// kind needs always (so a rebate says whether it is marginal); every other field only when it
// differs from its default. Order as in docs/program-file.md.
public static partial class ProgramFile
{
    static void WriteRule(StringBuilder file, IncentiveRule rule)
    {
        Line(file, 2, "- id", Text(rule.Id));
        Line(file, 4, "name", Text(rule.Name));
        Line(file, 4, "kind", FileWords.Of(rule.Kind));
        Line(file, 4, "period", FileWords.Of(rule.Period));

        var e = rule.Eligibility;
        if (e.Tiers.Count + e.PartnerTypes.Count + e.Regions.Count + e.Segments.Count + e.Products.Count > 0)
        {
            Open(file, 4, "eligibility");
            if (e.Tiers.Count > 0) Line(file, 6, "tiers", Flow(e.Tiers.Select(t => Text(t, inFlow: true))));
            if (e.PartnerTypes.Count > 0) Line(file, 6, "partner_types", Flow(e.PartnerTypes.Select(w => FileWords.Of(w))));
            if (e.Regions.Count > 0) Line(file, 6, "regions", Flow(e.Regions.Select(w => FileWords.Of(w))));
            if (e.Segments.Count > 0) Line(file, 6, "segments", Flow(e.Segments.Select(s => Text(s, inFlow: true))));
            if (e.Products.Count > 0) Line(file, 6, "products", Flow(e.Products.Select(p => Text(p, inFlow: true))));
        }
        if (rule.RequiresInfluence) Line(file, 4, "requires_influence", Flag(true));
        if (rule.RequiresPayment) Line(file, 4, "requires_payment", Flag(true));

        var needs = RuleFields.Needs(rule);
        if (needs.BracketMode || rule.BracketMode != BracketMode.Marginal) Line(file, 4, "bracket_mode", FileWords.Of(rule.BracketMode));
        if (rule.Brackets.Count > 0) Open(file, 4, "brackets");
        foreach (var bracket in rule.Brackets)
        {
            Line(file, 6, "- from", Number(bracket.From));
            Line(file, 8, "rate_percent", Number(bracket.RatePercent));
        }
        if (needs.Rate || rule.RatePercent != 0) Line(file, 4, "rate_percent", Number(rule.RatePercent));
        if (rule.RateFromTier) Line(file, 4, "rate_from_tier", Flag(true));
        if (needs.Amount || rule.SpiffAmount != 0) Line(file, 4, "amount", Number(rule.SpiffAmount));
        if (needs.Event || rule.SpiffEvent != SpiffEvent.WonDeal) Line(file, 4, "event", FileWords.Of(rule.SpiffEvent));
        if (rule.MaxCount is { } max) Line(file, 4, "max_count", Whole(max));
        if (needs.GrowthThreshold || rule.GrowthThresholdPercent != 0) Line(file, 4, "growth_threshold_percent", Number(rule.GrowthThresholdPercent));

        if (rule.CapPerPartner is { } cap) Line(file, 4, "cap_per_partner", Number(cap));
        if (rule.Budget is { } budget) Line(file, 4, "budget", Number(budget));
        if (rule.Budget is not null || rule.BudgetMode != BudgetMode.ProRata) Line(file, 4, "budget_mode", FileWords.Of(rule.BudgetMode));
        if (rule.ExclusiveGroup is { } group) Line(file, 4, "exclusive_group", Text(group));
        if (rule.ClawbackDays is { } days) Line(file, 4, "clawback_days", Whole(days));
    }

    static string Flow(IEnumerable<string> words) => $"[{string.Join(", ", words)}]";
}

/// <summary>Which fields a rule's kind reads and so must be given: the writer always writes them, the reader, the validation and the web form ask for them.</summary>
public static class RuleFields
{
    public readonly record struct Needed(bool BracketMode, bool Brackets, bool Rate, bool Amount, bool Event, bool GrowthThreshold);

    public static Needed Needs(IncentiveRule rule) => rule.Kind switch
    {
        IncentiveKind.Rebate => new(BracketMode: true, Brackets: true, false, false, false, false),
        IncentiveKind.Accelerator or IncentiveKind.ReferralFee => new(false, false, Rate: true, false, false, false),
        IncentiveKind.GrowthBonus => new(false, false, Rate: true, false, false, GrowthThreshold: true),
        IncentiveKind.FundAccrual => new(false, false, Rate: !rule.RateFromTier, false, false, false),
        IncentiveKind.Spiff => new(false, false, false, Amount: true, Event: true, false),
        _ => default,
    };

    /// <summary>"a rebate", "an accelerator", "a SPIFF"… as messages name the kinds.</summary>
    public static string Named(IncentiveKind kind) => kind switch
    {
        IncentiveKind.Rebate => "a rebate",
        IncentiveKind.Accelerator => "an accelerator",
        IncentiveKind.Spiff => "a SPIFF",
        IncentiveKind.GrowthBonus => "a growth bonus",
        IncentiveKind.ReferralFee => "a referral fee",
        _ => "a fund accrual",
    };
}
