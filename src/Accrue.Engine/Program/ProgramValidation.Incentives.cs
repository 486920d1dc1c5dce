using Accrue.Engine.Incentives;
using Accrue.Engine.Money;
using Accrue.Engine.Time;

namespace Accrue.Engine.Program;

// The incentive rules and the cash budget: first what the engine itself refuses
// (IncentiveRuleChecks, the same code CompiledRule runs), then what the program file adds:
// unique slug ids, the fields each kind needs and only those, tiers of the ladder, rates that make
// sense (percentages 0–100, retroactive rates that never fall), positive caps and budgets.
public static partial class ProgramValidation
{
    static void CheckIncentives(ProgramDefinition definition, Action<string, string> problem)
    {
        long? perMajor = Currency.TryOf(definition.Currency, out var currency) ? currency.MinorPerMajor : null;
        var tierIds = definition.Tiers.Select(t => t.Id).Where(id => !string.IsNullOrEmpty(id)).ToList();
        for (var i = 0; i < definition.Incentives.Count; i++)
            CheckRule(definition.Incentives, i, perMajor, tierIds, problem);

        if (definition.CashBudget is { } budget)
        {
            if (budget.Amount <= 0) problem("cash_budget.amount", "must be above 0 (leave cash_budget out for no limit)");
            else if (perMajor is { } m && !IncentiveRuleChecks.IsWhole(budget.Amount, m))
                problem("cash_budget.amount", $"the cash budget {budget.Amount} is not a whole number of minor units");
            if (!Enum.IsDefined(budget.Per)) problem("cash_budget.per", "must be month, quarter or year");
        }
    }

    static void CheckRule(IReadOnlyList<IncentiveRule> rules, int i, long? perMajor, IReadOnlyList<string> tierIds, Action<string, string> problem)
    {
        var rule = rules[i];
        var at = $"incentives[{i}]";
        void Problem(string field, string message) => problem($"{at}.{field}", message);

        if (string.IsNullOrEmpty(rule.Id)) Problem("id", "every rule needs an id such as 'q-rebate'");
        else if (!Slug().IsMatch(rule.Id))
            Problem("id", $"'{rule.Id}' is not an id: lowercase letters, digits, '-' and '_', starting with a letter");
        else if (rules.Take(i).ToList().FindIndex(r => r.Id == rule.Id) is >= 0 and var first)
            Problem("id", $"'{rule.Id}' is already the id of incentives[{first}]; ids must be unique");
        if (string.IsNullOrWhiteSpace(rule.Name)) Problem("name", "every rule needs a name such as 'Quarterly rebate'");
        if (!Enum.IsDefined(rule.Kind))
        {
            Problem("kind", $"unknown kind (expected one of: {string.Join(", ", FileWords.All<IncentiveKind>())})");
            return;
        }
        if (!Enum.IsDefined(rule.Period)) Problem("period", "must be month, quarter or year");

        foreach (var (field, reason) in IncentiveRuleChecks.Problems(rule, perMajor)) Problem(field, reason.TrimEnd('.'));

        CheckKindFields(rule, Problem);
        CheckRates(rule, Problem);
        CheckLimits(rule, Problem);

        var e = rule.Eligibility;
        for (var k = 0; k < e.Tiers.Count; k++)
            if (!tierIds.Contains(e.Tiers[k]))
                Problem($"eligibility.tiers[{k}]", $"no tier '{e.Tiers[k]}' in the ladder{FileWords.Suggest(e.Tiers[k], tierIds)}");
        for (var k = 0; k < e.PartnerTypes.Count; k++)
            if (!Enum.IsDefined(e.PartnerTypes[k])) Problem($"eligibility.partner_types[{k}]", "unknown partner type");
        for (var k = 0; k < e.Regions.Count; k++)
            if (!Enum.IsDefined(e.Regions[k])) Problem($"eligibility.regions[{k}]", "unknown region");
        for (var k = 0; k < e.Segments.Count; k++)
            if (string.IsNullOrWhiteSpace(e.Segments[k])) Problem($"eligibility.segments[{k}]", "a segment needs a name");
        for (var k = 0; k < e.Products.Count; k++)
            if (string.IsNullOrWhiteSpace(e.Products[k])) Problem($"eligibility.products[{k}]", "a product needs a name");
    }

    /// <summary>What the kind needs is there; what it does not read is not (a field silently ignored would be a money bug).</summary>
    static void CheckKindFields(IncentiveRule rule, Action<string, string> problem)
    {
        var needs = RuleFields.Needs(rule);
        var named = RuleFields.Named(rule.Kind);
        void Unread(string field) => problem(field, $"{named} does not read {field}; leave it out");

        if (needs.Brackets && rule.Brackets.Count == 0) problem("brackets", $"{named} needs brackets, the first from 0 (one bracket for a flat rate)");
        if (!needs.Brackets && rule.Brackets.Count > 0) Unread("brackets");
        if (!needs.BracketMode && rule.BracketMode != BracketMode.Marginal) Unread("bracket_mode");
        if (!Enum.IsDefined(rule.BracketMode)) problem("bracket_mode", "must be marginal or retroactive");

        if (needs.Rate && rule.RatePercent == 0)
            problem("rate_percent", rule.Kind == IncentiveKind.FundAccrual
                ? $"{named} needs rate_percent above 0, or rate_from_tier: true"
                : $"{named} needs rate_percent above 0");
        if (!needs.Rate && rule.RatePercent != 0)
            problem("rate_percent", rule.Kind switch
            {
                IncentiveKind.Rebate => "a rebate takes its rates from its brackets: write a flat rate as one bracket from 0",
                IncentiveKind.FundAccrual => "rate_from_tier takes the rate from the tier: leave rate_percent out",
                _ => $"{named} does not read rate_percent; leave it out",
            });

        if (needs.Amount && rule.SpiffAmount == 0) problem("amount", $"{named} needs an amount above 0, paid per event");
        if (!needs.Amount && rule.SpiffAmount != 0) Unread("amount");
        if (!needs.Event && rule.SpiffEvent != SpiffEvent.WonDeal) Unread("event");
        if (!Enum.IsDefined(rule.SpiffEvent)) problem("event", "unknown event");
        if (rule.Kind != IncentiveKind.Spiff && rule.MaxCount is not null) Unread("max_count");
        if (!needs.GrowthThreshold && rule.GrowthThresholdPercent != 0) Unread("growth_threshold_percent");
    }

    static void CheckRates(IncentiveRule rule, Action<string, string> problem)
    {
        const string Percent = "must be a percentage from 0 to 100";
        if (rule.RatePercent > 100) problem("rate_percent", Percent);
        for (var k = 0; k < rule.Brackets.Count; k++)
        {
            var rate = rule.Brackets[k].RatePercent;
            if (rate > 100) problem($"brackets[{k}].rate_percent", Percent);
            else if (rule.BracketMode == BracketMode.Retroactive && k > 0 && rate < rule.Brackets[k - 1].RatePercent)
                problem($"brackets[{k}].rate_percent",
                    $"retroactive rates must not fall ({rate} % after {rule.Brackets[k - 1].RatePercent} %): more revenue would pay less");
        }
        if (rule.GrowthThresholdPercent < 0) problem("growth_threshold_percent", "must not be negative (a bonus pays only on growth)");
    }

    static void CheckLimits(IncentiveRule rule, Action<string, string> problem)
    {
        if (rule.MaxCount == 0) problem("max_count", "must be at least 1 (leave it out for no maximum)");
        if (rule.ClawbackDays == 0) problem("clawback_days", "must be at least 1 day (leave it out to keep what a reversed deal earned)");
        if (rule.CapPerPartner == 0) problem("cap_per_partner", "must be above 0 (leave it out for no cap)");
        if (rule.Budget == 0) problem("budget", "must be above 0 (leave it out for no budget)");
        if (!Enum.IsDefined(rule.BudgetMode)) problem("budget_mode", "must be pro_rata or first_come");
        else if (rule.Budget is null && rule.BudgetMode != BudgetMode.ProRata) problem("budget_mode", "a budget mode needs a budget");
        if (rule.ExclusiveGroup is { } group && !Slug().IsMatch(group))
            problem("exclusive_group", $"'{group}' is not a group name: lowercase letters, digits, '-' and '_', starting with a letter");
    }
}
