using Accrue.Engine.Incentives;
using Accrue.Engine.Metrics;
using static Accrue.Engine.Tests.Incentives.A;

namespace Accrue.Engine.Tests.Incentives;

/// <summary>Caps, rule budgets, the cash budget, stacking groups and rounding.</summary>
public class IncentiveLimitTests
{
    [Fact]
    public void A_per_partner_cap_limits_the_line_and_shows_the_uncapped_amount()
    {
        var line = Calculate(Rebate(2, "rule") with { CapPerPartner = 100 }, Won(10_000)).Of()!;
        Assert.Equal((10_000L, 20_000L, true, (long?)null), (line.AmountMinor, line.UncappedMinor, line.CapApplied, line.BudgetScaledFrom));
        Assert.EndsWith(": $200; capped at $100 per partner.", line.Explanation);
    }

    [Fact]
    public void A_pro_rata_rule_budget_totals_exactly_and_gives_equal_remainders_to_the_lowest_partner_id()
    {
        var rule = Spiff(1, "rule") with { Budget = 2 };
        // partners listed against id order: ties must follow the id, not the input
        var facts = Facts([Won(5, partner: Cedar), Won(5, partner: Birch), Won(5, partner: Acme)],
                          partners: [Partner(Cedar), Partner(Birch), Partner(Acme)]);
        var lines = Calculate(Definition(rule), facts).Lines;
        Assert.Equal([(Acme, 67L), (Birch, 67L), (Cedar, 66L)], lines.Select(l => (l.PartnerId, l.AmountMinor)));
        Assert.All(lines, l => Assert.Equal(100, l.BudgetScaledFrom));
        Assert.Equal(200, lines.Sum(l => l.AmountMinor));
        Assert.Contains("the rule budget of $2 scales it pro rata to $0.67", lines[0].Explanation);
    }

    [Fact]
    public void A_rule_budget_that_is_not_reached_changes_nothing()
    {
        var lines = Calculate(Definition(Spiff(1, "rule") with { Budget = 3 }), Facts([Won(5), Won(5, partner: Birch)])).Lines;
        Assert.All(lines, l => Assert.Equal((100L, (long?)null), (l.AmountMinor, l.BudgetScaledFrom)));
    }

    [Fact]
    public void A_first_come_budget_pays_in_event_order_the_crossing_deal_in_part_and_later_ones_nothing()
    {
        var rule = Spiff(100, "rule") with { Budget = 250, BudgetMode = BudgetMode.FirstCome };
        var facts = Facts([
            Won(5, closed: "2026-08-04", partner: Acme),
            Won(5, closed: "2026-08-02", partner: Birch),
            Won(5, closed: "2026-08-01", partner: Acme),
            Won(5, closed: "2026-08-03", partner: Cedar),   // crosses the budget: 50 of 100
        ]);
        var lines = Calculate(Definition(rule), facts).Lines;
        Assert.Equal([(Acme, 100_00L, 200_00L), (Birch, 100_00L, 100_00L), (Cedar, 50_00L, 100_00L)],
                     lines.Select(l => (l.PartnerId, l.AmountMinor, l.UncappedMinor)));
        Assert.Equal([200_00L, null, 100_00L], lines.Select(l => l.BudgetScaledFrom));
        Assert.Contains("the first-come budget of $250 pays $50", lines[2].Explanation);
    }

    [Fact]
    public void First_come_breaks_a_tie_on_close_date_by_registration_time_then_deal_id()
    {
        var rule = Referral(10, "rule") with { Budget = 10, BudgetMode = BudgetMode.FirstCome };
        var facts = Facts([
            Won(100, partner: Acme, referred: true, registered: "2026-07-02", id: 1),
            Won(100, partner: Birch, referred: true, registered: "2026-07-01", id: 3),   // registered first: paid
            Won(100, partner: Cedar, referred: true, registered: "2026-07-02", id: 2),
        ]);
        var paid = Calculate(Definition(rule), facts).Lines.ToDictionary(l => l.PartnerId, l => l.AmountMinor);
        Assert.Equal((0L, 10_00L, 0L), (paid[Acme], paid[Birch], paid[Cedar]));
    }

    [Fact]
    public void A_line_scaled_to_zero_by_a_budget_is_kept_to_show_the_claim()
    {
        var rule = Spiff(100, "rule") with { Budget = 100, BudgetMode = BudgetMode.FirstCome };
        var line = Calculate(Definition(rule), Facts([Won(5, closed: "2026-08-01"), Won(5, closed: "2026-08-02", partner: Birch)])).Of(partner: Birch)!;
        Assert.Equal((0L, 100_00L), (line.AmountMinor, line.UncappedMinor));
    }

    [Fact]
    public void The_cash_budget_comes_last_as_one_budget_line_per_partner_and_leaves_funds_alone()
    {
        var program = Definition(Rebate(10, "rebate"), Rule(IncentiveKind.FundAccrual, "fund", 5)) with { CashBudget = new CashBudget(200) };
        var result = Calculate(program, Facts([Won(3_000), Won(1_000, partner: Birch)]));
        Assert.Equal([300_00L, 150_00L, 100_00L, 50_00L], result.Lines.Select(l => l.AmountMinor));   // rule lines show what they earned
        Assert.Equal([(Acme, -150_00L, 300_00L), (Birch, -50_00L, 100_00L)],
                     result.BudgetLines.Select(b => (b.PartnerId, b.AmountMinor, b.CashTotalMinor)));
        Assert.Equal(200_00, result.CashTotalMinor);
    }

    [Fact]
    public void A_cash_budget_that_is_not_reached_adds_no_lines()
    {
        var program = Definition(Rebate(10)) with { CashBudget = new CashBudget(1_000) };
        Assert.Empty(Calculate(program, Facts([Won(3_000)])).BudgetLines);
    }

    public static TheoryData<string, IncentiveRule[], IncentiveDeal[], string[]> Stacking => new()
    {
        { "the rule that pays the deal most wins",
            [Spiff(300, "logo", SpiffEvent.NewLogo, group: "g"), Spiff(500, "product", group: "g", products: "x")],
            [Won(10, product: "x", newLogo: true)], ["product 500"] },
        { "a deal only one rule of the group matches goes to it",
            [Spiff(500, "product", group: "g", products: "x"), Spiff(300, "logo", SpiffEvent.NewLogo, group: "g")],
            [Won(10, product: "x", newLogo: true), Won(10, newLogo: true)], ["product 500", "logo 300"] },
        { "ties go to the rule listed first",
            [Spiff(300, "first", group: "g"), Spiff(300, "second", group: "g")], [Won(10)], ["first 300"] },
        { "a rule past its maximum count passes the deal on to the next",
            [Spiff(500, "product", group: "g", max: 1), Spiff(300, "logo", SpiffEvent.NewLogo, group: "g")],
            [Won(10, newLogo: true), Won(10, newLogo: true)], ["product 500", "logo 300"] },
        { "a referral fee and a SPIFF in one group: the larger pays",
            [Spiff(500, "spiff", group: "g"), Referral(10, "referral", group: "g")], [Won(10_000, referred: true), Won(1_000, referred: true)],
            ["spiff 500", "referral 1000"] },
        { "rules in different groups both pay",
            [Spiff(500, "product", group: "g"), Spiff(300, "logo", SpiffEvent.NewLogo, group: "h")], [Won(10, newLogo: true)],
            ["product 500", "logo 300"] },
        { "rules in no group both pay",
            [Spiff(500, "product"), Spiff(300, "logo", SpiffEvent.NewLogo)], [Won(10, newLogo: true)], ["product 500", "logo 300"] },
    };

    [Theory]
    [MemberData(nameof(Stacking))]
    public void Rules_of_one_exclusive_group_never_both_pay_on_a_deal(string because, IncentiveRule[] rules, IncentiveDeal[] deals, string[] lines)
    {
        var result = Calculate(Definition(rules), Facts(deals));
        Assert.True(lines.SequenceEqual(result.Lines.Select(l => $"{l.RuleId} {l.AmountMinor / 100}")),
                    $"{because}: got {string.Join(", ", result.Lines.Select(l => $"{l.RuleId} {l.AmountMinor / 100}"))}");
    }

    public static TheoryData<string, string, decimal, decimal, long?> Rounding => new()
    {
        { "USD: 1 % of $1.50 is 1.5 cents, half away from zero", "USD", 1.50m, 1, 2 },
        { "USD: 1 % of $1.49 is 1.49 cents", "USD", 1.49m, 1, 1 },
        { "JPY, no decimals: 2 % of ¥1,025 is ¥20.5", "JPY", 1_025m, 2, 21 },
        { "JPY: 2 % of ¥1,024 is ¥20.48", "JPY", 1_024m, 2, 20 },
        { "BHD, 3 decimals: 1 % of 0.150 is 1.5 fils", "BHD", 0.150m, 1, 2 },
        { "USD: 1 % of $0.40 rounds to 0: no line", "USD", 0.40m, 1, null },
    };

    [Theory]
    [MemberData(nameof(Rounding))]
    public void A_line_is_rounded_once_to_the_minor_unit_half_away_from_zero(string because, string currency, decimal amount, decimal rate, long? minor)
    {
        var program = Definition(Rebate(rate, "rule")) with { Currency = currency };
        var line = Calculate(program, Facts([Won(amount, currency: currency)], currency: currency)).Of();
        Assert.True(minor == line?.AmountMinor, because);
    }

    [Fact]
    public void Per_deal_amounts_are_summed_exactly_then_rounded_once()
    {
        // 1 % of two referred $0.50 deals: 0.5 + 0.5 cents = 1 cent (rounding each deal would give 2)
        var line = Calculate(Referral(1, "rule"), Won(0.50m, referred: true), Won(0.50m, referred: true)).Of()!;
        Assert.Equal(1, line.AmountMinor);
    }

    [Fact]
    public void A_deal_in_another_currency_converts_at_its_close_date_exactly()
    {
        var rates = new ExchangeRates("USD");
        rates.Add("EUR", Day("2026-07-01"), 1.1m);
        rates.Add("EUR", Day("2026-08-02"), 2m);   // after the close date: not used
        // 1 % of €100.05 × 1.1 = $110.055 → 110.055 cents → 110 cents; and the fraction of a cent stays exact in the sum
        var facts = Facts([Won(100.05m, currency: "EUR"), Won(100.05m, currency: "EUR")], rates: rates);
        Assert.Equal(220, Calculate(Definition(Rebate(1, "rule")), facts).Of()!.AmountMinor);   // 2 × 110.055 = 220.11 cents
    }

    [Fact]
    public void A_missing_exchange_rate_is_an_error_naming_currency_date_and_deal()
    {
        var deal = Won(100, currency: "EUR", closed: "2026-08-01");
        var error = Assert.Throws<MissingExchangeRateException>(() => Facts([deal]));
        Assert.Equal(("EUR", Day("2026-08-01"), deal.Deal.DealId), (error.Currency, error.Day, error.DealId));
    }

    [Fact]
    public void First_come_is_refused_for_a_rule_that_does_not_pay_per_deal()
    {
        var error = Assert.Throws<InvalidIncentiveRuleException>(() =>
            Calculate(Rebate(2, "q-rebate") with { Budget = 10, BudgetMode = BudgetMode.FirstCome }, Won(1)));
        Assert.Equal("q-rebate", error.RuleId);
    }
}
