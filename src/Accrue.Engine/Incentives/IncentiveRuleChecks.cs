namespace Accrue.Engine.Incentives;

/// <summary>What the engine cannot run, field by field: the engine refuses the first of these, the program's validation reports them all.</summary>
/// <remarks>Fields are named as the program file spells them ("brackets[1].from", "budget_mode"), relative to the rule.</remarks>
public static class IncentiveRuleChecks
{
    public readonly record struct RuleProblem(string Field, string Reason);

    /// <param name="minorPerMajor">The program currency's minor units per major unit (100 for USD, 1 for JPY); null skips the checks of whole minor units.</param>
    public static IEnumerable<RuleProblem> Problems(IncentiveRule rule, long? minorPerMajor)
    {
        if (rule.RatePercent < 0) yield return new("rate_percent", "rates cannot be negative.");
        if (rule.SpiffAmount < 0) yield return new("amount", "amounts cannot be negative.");
        for (var k = 0; k < rule.Brackets.Count; k++)
            if (rule.Brackets[k].RatePercent < 0) yield return new($"brackets[{k}].rate_percent", "rates cannot be negative.");
        if (rule.Brackets.Count > 0 && rule.Brackets[0].From != 0) yield return new("brackets[0].from", "the first bracket starts at 0.");
        for (var k = 1; k < rule.Brackets.Count; k++)
            if (rule.Brackets[k].From <= rule.Brackets[k - 1].From)
                yield return new($"brackets[{k}].from", $"bracket bounds must rise (this one is not above the previous bracket's {rule.Brackets[k - 1].From}).");
        if (rule.BudgetMode == BudgetMode.FirstCome && !rule.IsPerDeal)
            yield return new("budget_mode", "only per-deal rules (SPIFFs on deals, referral fees) can be first-come.");
        if (rule.ExclusiveGroup is not null && !rule.IsPerDeal)
            yield return new("exclusive_group", "only per-deal rules (SPIFFs on deals, referral fees) stack in exclusive groups.");
        if (rule.RateFromTier && rule.Kind != IncentiveKind.FundAccrual) yield return new("rate_from_tier", "only a fund accrual takes its rate from the tier.");
        if (rule.MaxCount is < 0) yield return new("max_count", "counts cannot be negative.");
        if (rule.ClawbackDays is < 0) yield return new("clawback_days", "days cannot be negative.");
        if (rule.CapPerPartner < 0) yield return new("cap_per_partner", "caps cannot be negative.");
        if (rule.Budget < 0) yield return new("budget", "budgets cannot be negative.");
        if (minorPerMajor is not { } perMajor) yield break;
        if (!IsWhole(rule.SpiffAmount, perMajor)) yield return new("amount", $"the SPIFF amount {rule.SpiffAmount} is not a whole number of minor units.");
        if (rule.CapPerPartner is { } cap && !IsWhole(cap, perMajor)) yield return new("cap_per_partner", $"the cap {cap} is not a whole number of minor units.");
        if (rule.Budget is { } budget && !IsWhole(budget, perMajor)) yield return new("budget", $"the budget {budget} is not a whole number of minor units.");
    }

    /// <summary>Whether an amount in major units is a whole number of minor units (and fits them).</summary>
    public static bool IsWhole(decimal major, long minorPerMajor)
    {
        if (Math.Abs(major) > long.MaxValue / minorPerMajor) return false;
        var minor = major * minorPerMajor;
        return minor == decimal.Truncate(minor);
    }
}
