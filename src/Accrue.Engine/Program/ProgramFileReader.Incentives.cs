using System.Text.RegularExpressions;
using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Time;

namespace Accrue.Engine.Program;

// The incentive rules and the cash budget of a program file (docs/program-file.md, "incentives").
// The reading notes the keys a rule's kind needs and does not find; what the values must be is
// ProgramValidation's, which the forms share.
sealed partial class ProgramFileReader
{
    internal static readonly string[] RuleKeys =
    [
        "id", "name", "kind", "period", "eligibility", "requires_influence", "requires_payment",
        "bracket_mode", "brackets", "rate_percent", "rate_from_tier", "amount", "event", "max_count", "growth_threshold_percent",
        "cap_per_partner", "budget", "budget_mode", "exclusive_group", "clawback_days",
    ];
    internal static readonly string[] EligibilityKeys = ["tiers", "partner_types", "regions", "segments", "products"];
    internal static readonly string[] BracketKeys = ["from", "rate_percent"];
    internal static readonly string[] CashBudgetKeys = ["amount", "per"];

    IncentiveRule Rule(Item item)
    {
        var placeholder = new IncentiveRule { Id = "", Name = "", Kind = IncentiveKind.Rebate };
        if (item.AsSection("a rule (id:, name:, kind: …)") is not { } rule) return placeholder;
        rule.RefuseUnknownKeys(RuleKeys);
        var kind = rule.Choice<IncentiveKind>("kind", required: true);
        var read = new IncentiveRule
        {
            Id = rule.Text("id", required: true) ?? "",
            Name = rule.Text("name", required: true) ?? "",
            Kind = kind ?? placeholder.Kind,
            Period = rule.Choice<PeriodUnit>("period") ?? placeholder.Period,
            Eligibility = rule.Map("eligibility") is { } eligibility ? Eligibility(eligibility) : new IncentiveEligibility(),
            RequiresInfluence = rule.Flag("requires_influence") ?? false,
            RequiresPayment = rule.Flag("requires_payment") ?? false,
            BracketMode = rule.Choice<BracketMode>("bracket_mode") ?? placeholder.BracketMode,
            Brackets = rule.List("brackets") is { } brackets ? brackets.Select(Bracket).ToList() : [],
            RatePercent = rule.Number("rate_percent") ?? 0,
            RateFromTier = rule.Flag("rate_from_tier") ?? false,
            SpiffAmount = rule.Number("amount") ?? 0,
            SpiffEvent = rule.Choice<SpiffEvent>("event") ?? placeholder.SpiffEvent,
            MaxCount = rule.Whole("max_count"),
            GrowthThresholdPercent = rule.Number("growth_threshold_percent") ?? 0,
            CapPerPartner = rule.Number("cap_per_partner"),
            Budget = rule.Number("budget"),
            BudgetMode = rule.Choice<BudgetMode>("budget_mode") ?? placeholder.BudgetMode,
            ExclusiveGroup = rule.Text("exclusive_group"),
            ClawbackDays = rule.Whole("clawback_days"),
        };
        if (kind is { } k)
        {
            var needs = RuleFields.Needs(read);
            var named = RuleFields.Named(k);
            if (needs.Brackets && !rule.Has("brackets")) rule.Missing("brackets", $"{named} needs 'brackets', starting with '- from: 0'");
            if (needs.BracketMode && !rule.Has("bracket_mode")) rule.Missing("bracket_mode", $"{named} needs 'bracket_mode': marginal or retroactive");
            if (needs.Rate && !rule.Has("rate_percent"))
                rule.Missing("rate_percent", k == IncentiveKind.FundAccrual ? $"{named} needs 'rate_percent' or 'rate_from_tier: true'" : $"{named} needs 'rate_percent'");
            if (needs.Amount && !rule.Has("amount")) rule.Missing("amount", $"{named} needs 'amount', paid per event");
            if (needs.Event && !rule.Has("event")) rule.Missing("event", $"{named} needs 'event': {string.Join(", ", FileWords.All<SpiffEvent>())}");
            if (needs.GrowthThreshold && !rule.Has("growth_threshold_percent")) rule.Missing("growth_threshold_percent", $"{named} needs 'growth_threshold_percent'");
        }
        return read;
    }

    IncentiveEligibility Eligibility(Section eligibility)
    {
        eligibility.RefuseUnknownKeys(EligibilityKeys);
        return new IncentiveEligibility
        {
            Tiers = eligibility.Words("tiers") ?? [],
            PartnerTypes = eligibility.Choices<PartnerType>("partner_types") ?? [],
            Regions = eligibility.Choices<Region>("regions") ?? [],
            Segments = eligibility.Words("segments") ?? [],
            Products = eligibility.Words("products") ?? [],
        };
    }

    RateBracket Bracket(Item item)
    {
        if (item.AsSection("a bracket (from:, rate_percent:)") is not { } bracket) return new RateBracket(0, 0);
        bracket.RefuseUnknownKeys(BracketKeys);
        return new RateBracket(bracket.Number("from", required: true) ?? 0, bracket.Number("rate_percent", required: true) ?? 0);
    }

    CashBudget ReadCashBudget(Section budget)
    {
        budget.RefuseUnknownKeys(CashBudgetKeys);
        var amount = budget.Number("amount", required: true);
        var per = budget.Choice<PeriodUnit>("per") ?? PeriodUnit.Quarter;
        return new CashBudget(amount ?? 0, per);
    }

    /// <summary>A rule whose kind could not be read is read with a stand-in kind: what the validation says of it would mislead.</summary>
    static bool SameRuleUnreadKind(string found, string check) =>
        RuleKind().Match(found) is { Success: true } kind && Holds(kind.Groups[1].Value, check);

    [GeneratedRegex(@"^(incentives\[\d+\])\.kind$")]
    private static partial Regex RuleKind();
}
