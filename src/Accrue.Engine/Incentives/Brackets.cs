namespace Accrue.Engine.Incentives;

/// <summary>Bracket arithmetic on revenue R (program minor units, exact): brackets are [from, next from), the last open.</summary>
/// <remarks>
/// Marginal: each slice of R earns its own bracket's rate. Retroactive: the rate of the highest
/// bracket reached applies to all of R, and R equal to a bracket's lower bound has reached it.
/// 300,000 over 0/100,000/250,000 at 2/4/6 %: marginal 2,000 + 6,000 + 3,000 = 11,000; retroactive 18,000.
/// </remarks>
static class Brackets
{
    public static decimal Pay(CompiledRule rule, decimal revenue)
    {
        var (from, rate) = (rule.BracketFrom, rule.BracketRate);
        if (revenue <= 0) return 0;
        if (rule.Rule.BracketMode == BracketMode.Retroactive)
        {
            var reached = 0;
            while (reached + 1 < from.Length && from[reached + 1] <= revenue) reached++;
            return revenue * rate[reached];
        }
        var pay = 0m;
        for (var k = 0; k < from.Length && revenue > from[k]; k++)
        {
            var top = k + 1 < from.Length ? Math.Min(revenue, from[k + 1]) : revenue;
            pay += (top - from[k]) * rate[k];
        }
        return pay;
    }
}
