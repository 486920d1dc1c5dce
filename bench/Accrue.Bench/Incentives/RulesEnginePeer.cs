using RulesEngine.Models;

namespace Accrue.Bench.Incentives;

/// <summary>What a per-deal rule reads.</summary>
public sealed record DealInput(int Stage, int CloseDay, int Product, long Cents, bool NewLogo);

/// <summary>What a per-partner rule reads: the partner's sums from the baseline.</summary>
public sealed record PartnerInput(long Ttm, long Q, long Pq, int Certifications);

/// <summary>
/// microsoft/RulesEngine 6.0.1, used two ways (docs/benchmarks.md). Per deal: one workflow decides each
/// deal's eligibility (won in the trailing year, in the quarter, in the previous quarter, SPIFF A,
/// SPIFF B) and C# sums what the rules admitted; too slow for 10 M deals, so it runs on a prefix and is
/// verified against the hand loop on that prefix. Per partner (the fair use): the baseline's sums go in,
/// RulesEngine decides the tier and the growth bonus's eligibility, C# computes the amounts. One engine
/// instance is kept, as its first call compiles the expressions (RulesEngine issue #673 is about that
/// compilation cost).
/// </summary>
sealed class RulesEnginePeer
{
    static readonly Workflow DealRules = new()
    {
        WorkflowName = "deal",
        Rules =
        [
            Rule("WonT", $"input1.Stage == {IncentiveDataset.Won} && input1.CloseDay >= {IncentiveDataset.YearFrom}"),
            Rule("WonQ", $"input1.Stage == {IncentiveDataset.Won} && input1.CloseDay >= {IncentiveDataset.QuarterFrom}"),
            Rule("PQ", $"input1.Stage == {IncentiveDataset.Won} && input1.CloseDay >= {IncentiveDataset.PreviousFrom} && input1.CloseDay < {IncentiveDataset.QuarterFrom}"),
            Rule("SpiffA", $"input1.Stage == {IncentiveDataset.Won} && input1.CloseDay >= {IncentiveDataset.QuarterFrom} && (input1.Product == 3 || input1.Product == 7) && input1.Cents >= 1000000"),
            Rule("SpiffB", $"input1.Stage == {IncentiveDataset.Won} && input1.CloseDay >= {IncentiveDataset.QuarterFrom} && input1.NewLogo"),
        ],
    };

    static readonly Workflow PartnerRules = new()
    {
        WorkflowName = "partner",
        Rules =
        [
            Rule("Platinum", "input1.Ttm >= 500000000 && input1.Certifications >= 3"),
            Rule("Gold", "input1.Ttm >= 100000000 && input1.Certifications >= 2"),
            Rule("Silver", "input1.Ttm >= 25000000"),
            Rule("Growth", "input1.Pq > 0 && input1.Q * 100 >= input1.Pq * 110"),
        ],
    };

    readonly RulesEngine.RulesEngine engine = new([DealRules, PartnerRules], new ReSettings());

    static Rule Rule(string name, string expression) => new() { RuleName = name, Expression = expression, RuleExpressionType = RuleExpressionType.LambdaExpression };

    /// <summary>Per deal over <paramref name="data"/> (a prefix of the dataset), then the program on the sums; before the cash budget when it is null.</summary>
    public PartnerResult[] PerDeal(IncentiveDataset data, HandLoop certificationsOf, long? cashBudgetCents)
    {
        var sums = new (long Ttm, long Q, long Pq, long Spiff)[data.Partners];
        for (var i = 0; i < data.Deals; i++)
        {
            var input = new DealInput(data.Stage[i], data.CloseDay[i], data.Product[i], data.AmountCents[i], data.NewLogo[i]);
            var results = engine.ExecuteAllRulesAsync("deal", input).AsTask().GetAwaiter().GetResult();
            bool Passed(string rule) => results.First(r => r.Rule.RuleName == rule).IsSuccess;
            ref var s = ref sums[data.Partner[i]];
            if (Passed("WonT")) s.Ttm += data.AmountCents[i];
            if (Passed("WonQ")) s.Q += data.AmountCents[i];
            if (Passed("PQ")) s.Pq += data.AmountCents[i];
            s.Spiff += Passed("SpiffA") ? 50_000 : Passed("SpiffB") ? 30_000 : 0;   // one exclusive group: the larger SPIFF
        }
        var partners = new PartnerResult[data.Partners];
        for (var p = 0; p < partners.Length; p++)
            partners[p] = HandLoop.Finish(sums[p].Ttm, sums[p].Q, sums[p].Pq, sums[p].Spiff, certificationsOf.Aggregates(p).Certifications);
        if (cashBudgetCents is { } budget) HandLoop.ApplyCashBudget(partners, budget);
        return partners;
    }

    /// <summary>Per partner: the baseline's sums in, the tier and growth eligibility decided by rules, the amounts in C#.</summary>
    public PartnerResult[] PerPartner(HandLoop baseline, int partnerCount, long cashBudgetCents)
    {
        var partners = new PartnerResult[partnerCount];
        for (var p = 0; p < partnerCount; p++)
        {
            var a = baseline.Aggregates(p);
            var results = engine.ExecuteAllRulesAsync("partner", new PartnerInput(a.Ttm, a.Q, a.Pq, a.Certifications)).AsTask().GetAwaiter().GetResult();
            bool Passed(string rule) => results.First(r => r.Rule.RuleName == rule).IsSuccess;
            var tier = Passed("Platinum") ? 3 : Passed("Gold") ? 2 : Passed("Silver") ? 1 : 0;
            partners[p] = HandLoop.Finish(tier, a.Q, a.Pq, a.Spiff, Passed("Growth"));
        }
        HandLoop.ApplyCashBudget(partners, cashBudgetCents);
        return partners;
    }
}
