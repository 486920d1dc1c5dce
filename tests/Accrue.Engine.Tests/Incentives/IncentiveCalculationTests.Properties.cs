using Accrue.Engine.Incentives;
using Accrue.Engine.Metrics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Accrue.Engine.Tests.Incentives.A;

namespace Accrue.Engine.Tests.Incentives;

/// <summary>Laws of the calculation over generated deals of three partners.</summary>
public partial class IncentivePropertyTests
{
    static readonly Gen<IncentiveDeal> Deals =
        from partner in Gen.Elements(Acme, Birch, Cedar)
        from day in Gen.Choose(0, 120)              // 2026-06-02 to 2026-09-30: Q2's tail and Q3
        from cents in Gen.Choose(1, 20_000_000)
        from product in Gen.Elements("x", "y", null)
        from flags in Gen.Choose(0, 7)
        from id in Gen.Choose(1, 1_000_000)
        select new IncentiveDeal(
            new DealFact(Id(id), partner, cents, "USD", Day("2026-06-01"), true, null, DealOutcome.Won, Day("2026-06-02").AddDays(day)),
            product, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);

    static readonly Gen<IncentiveDeal[]> DealSets = Gen.ListOf(Deals).Select(d => d.DistinctBy(x => x.Deal.DealId).ToArray());

    static readonly Gen<decimal> Budgets = Gen.Choose(0, 5_000_000).Select(c => c / 100m);

    static readonly Gen<IncentiveRule[]> Rules =
        from budget in Budgets
        from cap in Gen.Choose(1, 100_000)
        from firstCome in Gen.Elements(true, false)
        from retroactive in Gen.Elements(true, false)
        select RuleSet(budget, cap, firstCome ? BudgetMode.FirstCome : BudgetMode.ProRata, retroactive ? BracketMode.Retroactive : BracketMode.Marginal);

    static IncentiveRule[] RuleSet(decimal budget, decimal cap, BudgetMode perDeal, BracketMode brackets) =>
    [
        Bracketed(brackets) with { Budget = budget, CapPerPartner = cap },
        Spiff(500, "spiff-x", group: "g", max: 3, products: "x") with { Budget = budget, BudgetMode = perDeal },
        Referral(7.5m, "referral", group: "g") with { Budget = budget, BudgetMode = perDeal },
        Spiff(300, "logo", SpiffEvent.NewLogo) with { Budget = budget },
        Rule(IncentiveKind.GrowthBonus, "growth", 1) with { GrowthThresholdPercent = 10, Budget = budget },
        Rule(IncentiveKind.FundAccrual, "fund", 2.5m),
    ];

    static readonly Dictionary<Guid, string> Tiers = new() { [Acme] = "gold", [Birch] = "silver" };

    static string Print(IncentiveResult r) => string.Join("\n",
        r.Lines.Select(l => $"{l.PartnerId} {l.RuleId} {l.AmountMinor} {l.UncappedMinor} {l.CapApplied} {l.BudgetScaledFrom} "
                            + $"{string.Join(",", l.Basis.Deals)} {l.Explanation}")
         .Concat(r.BudgetLines.Select(b => $"{b.PartnerId} {b.AmountMinor} {b.Explanation}")));

    [Property(MaxTest = 200)]
    public Property Totals_never_exceed_budgets_and_pro_rata_shares_add_up_to_the_budget_exactly() =>
        Prop.ForAll(DealSets.ToArbitrary(), Rules.ToArbitrary(), Budgets.ToArbitrary(), (deals, rules, cash) =>
        {
            var program = Definition(rules) with { CashBudget = new CashBudget(cash) };
            var result = Calculate(program, Facts(deals), Tiers);
            var budgetsHold = rules.Where(r => r.Budget is not null).All(rule =>
            {
                var lines = result.Lines.Where(l => l.RuleId == rule.Id).ToList();
                var budget = (long)(rule.Budget!.Value * 100);
                var claimed = lines.Sum(l => l.BudgetScaledFrom ?? l.AmountMinor);
                var total = lines.Sum(l => l.AmountMinor);
                return total <= budget && (claimed <= budget ? total == claimed : total == budget);
            });
            var cashEarned = result.Lines.Where(l => l.IsCash).Sum(l => l.AmountMinor);
            var cashBudget = (long)(cash * 100);
            var cashHolds = cashEarned <= cashBudget ? result.BudgetLines.Count == 0 : result.CashTotalMinor == cashBudget;
            return budgetsHold && cashHolds && result.Lines.All(l => l.AmountMinor >= 0 && l.AmountMinor <= l.UncappedMinor);
        });

    [Property(MaxTest = 100)]
    public Property Lines_do_not_depend_on_the_order_of_the_facts_nor_on_threads() =>
        Prop.ForAll(DealSets.ToArbitrary(), Rules.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (deals, rules, seed) =>
        {
            var program = Definition(rules) with { CashBudget = new CashBudget(1_000) };
            var expected = Print(Calculate(program, Facts(deals), Tiers, threads: 1));
            var random = new Random(seed);
            var shuffled = deals.OrderBy(_ => random.Next()).ToArray();
            var partners = new[] { Partner(Cedar), Partner(Acme), Partner(Birch) }.OrderBy(_ => random.Next()).ToArray();
            return expected == Print(Calculate(program, Facts(shuffled, partners: partners), Tiers, threads: 4));
        });

    [Property(MaxTest = 200)]
    public Property More_eligible_revenue_never_lowers_a_rebate_without_a_budget() =>
        Prop.ForAll(DealSets.ToArbitrary(), Deals.ToArbitrary(), Gen.Elements(BracketMode.Marginal, BracketMode.Retroactive).ToArbitrary(),
            (deals, extra, mode) =>
            {
                var program = Definition(Bracketed(mode) with { Brackets = [new(0, 2), new(10_000, 4), new(60_000, 5), new(100_000, 6)] });
                long Acmes(IEnumerable<IncentiveDeal> d) => Calculate(program, Facts(d), Tiers).Of("rebate")?.AmountMinor ?? 0;
                var more = extra with { Deal = extra.Deal with { DealId = Guid.NewGuid(), PartnerId = Acme } };
                return Acmes(deals.Append(more)) >= Acmes(deals);
            });

    [Property(MaxTest = 300)]
    public Property Largest_remainder_shares_add_up_and_stay_within_one_unit_of_the_exact_share() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.NonEmptyListOf(Gen.Choose(0, int.MaxValue)).ToArbitrary(), (total, weights) =>
        {
            var w = weights.Select(x => (long)x * 1_000).Append(1).ToArray();
            var parts = LargestRemainder.Share(total, w);
            var sum = w.Sum(x => (decimal)x);
            return parts.Sum() == total && parts.Select((p, i) => Math.Abs(p - (decimal)total * w[i] / sum)).All(d => d < 1m);
        });
}
