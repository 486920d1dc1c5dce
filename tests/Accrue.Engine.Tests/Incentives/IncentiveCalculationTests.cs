using Accrue.Engine.Incentives;
using static Accrue.Engine.Tests.Incentives.A;

namespace Accrue.Engine.Tests.Incentives;

/// <summary>What each kind of rule pays Acme for 2026-Q3, one row per rule of the semantics; amounts in cents.</summary>
public class IncentiveCalculationTests
{
    static IncentiveRule Growth(decimal threshold) => Rule(IncentiveKind.GrowthBonus, "rule", 1) with { GrowthThresholdPercent = threshold };

    public static TheoryData<string, IncentiveRule, IncentiveDeal[], long?> Kinds => new()
    {
        { "marginal brackets, the worked example: 300,000 pays 2,000 + 6,000 + 3,000", Bracketed(BracketMode.Marginal) with { Id = "rule" }, [Won(300_000)], 11_000_00 },
        { "retroactive brackets, the worked example: 300,000 pays 6 % of all", Bracketed(BracketMode.Retroactive) with { Id = "rule" }, [Won(300_000)], 18_000_00 },
        { "retroactive: R equal to a lower bound has reached it (4 % of 100,000)", Bracketed(BracketMode.Retroactive) with { Id = "rule" }, [Won(100_000)], 4_000_00 },
        { "retroactive: a cent below the bound stays at 2 %", Bracketed(BracketMode.Retroactive) with { Id = "rule" }, [Won(99_999.99m)], 2_000_00 },
        { "marginal: 100,000 exactly is all in the first bracket", Bracketed(BracketMode.Marginal) with { Id = "rule" }, [Won(100_000)], 2_000_00 },
        { "marginal over several deals: brackets apply to their sum", Bracketed(BracketMode.Marginal) with { Id = "rule" }, [Won(150_000), Won(150_000)], 11_000_00 },
        { "a rebate without brackets is one flat rate", Rebate(2, "rule"), [Won(1_000), Won(2_000)], 60_00 },
        { "a deal closed on the period's end belongs to the next period", Rebate(2, "rule"), [Won(1_000, closed: "2026-10-01")], null },
        { "a deal closed on the period's first day belongs to it", Rebate(2, "rule"), [Won(1_000, closed: "2026-07-01")], 20_00 },
        { "referral fee: a percentage of referred won deals only", Referral(10, "rule"), [Won(1_000, referred: true), Won(5_000)], 100_00 },
        { "spiff: a fixed amount per won deal of its product", Spiff(500, "rule", products: "x"), [Won(10, product: "x"), Won(10, product: "y"), Won(10)], 500_00 },
        { "spiff on any won deal when it names no product", Spiff(50, "rule"), [Won(10, product: "x"), Won(10)], 100_00 },
        { "spiff per new logo", Spiff(300, "rule", SpiffEvent.NewLogo), [Won(100, newLogo: true), Won(100)], 300_00 },
        { "spiff: a maximum count of 2 pays the first 2 deals", Spiff(500, "rule", max: 2), [Won(10), Won(10), Won(10)], 1_000_00 },
        { "fund accrual: a percentage of eligible won revenue", Rule(IncentiveKind.FundAccrual, "rule", 1.5m), [Won(10_000)], 150_00 },
        { "growth bonus: 50 % over Q2 (threshold 10 %) pays 1 % of the 50,000 more", Growth(10), [Won(150_000), Won(100_000, closed: "2026-05-01")], 500_00 },
        { "growth bonus: exactly at the threshold pays", Growth(50), [Won(150_000), Won(100_000, closed: "2026-05-01")], 500_00 },
        { "growth bonus: below the threshold pays nothing", Growth(60), [Won(150_000), Won(100_000, closed: "2026-05-01")], null },
        { "growth bonus: previous revenue 0 makes growth undefined, nothing paid", Growth(0), [Won(150_000)], null },
        { "growth bonus: the previous window is Q2 alone, not earlier", Growth(0), [Won(150_000), Won(100_000, closed: "2026-03-31")], null },
        { "growth bonus: less revenue than before pays nothing, even at a negative threshold", Growth(-50), [Won(50_000), Won(100_000, closed: "2026-05-01")], null },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_pays_as_the_semantics_say(string because, IncentiveRule rule, IncentiveDeal[] deals, long? cents)
    {
        var line = Calculate(rule, deals).Of();
        Assert.True(cents == line?.AmountMinor, $"{because}: expected {cents?.ToString() ?? "no line"}, got {line?.AmountMinor.ToString() ?? "no line"}");
    }

    [Fact]
    public void A_line_explains_what_earned_it_in_words()
    {
        var line = Calculate(Definition(Bracketed(BracketMode.Marginal) with { Name = "Q3 rebate" }), Facts([Won(100_000), Won(200_000)])).Of("rebate")!;
        Assert.Equal("Q3 rebate: 2% to 100,000, 4% to 250,000, 6% above marginal on $300,000 eligible won revenue from 2 deals: $11,000.", line.Explanation);
        Assert.Equal(2, line.Basis.Deals.Count);
        Assert.Contains(new BasisValue("eligible revenue", 300_000m), line.Basis.Values);
    }

    [Theory]
    [InlineData("gold", IncentiveKind.Rebate, 1_250_00)]        // 1.25 × 2 % of 50,000
    [InlineData("silver", IncentiveKind.Rebate, 1_000_00)]      // multiplier 1
    [InlineData("gold", IncentiveKind.ReferralFee, 1_000_00)]   // a multiplier scales rebates only
    [InlineData("gold", IncentiveKind.FundAccrual, 1_000_00)]
    [InlineData("gold", IncentiveKind.Accelerator, 1_000_00)]   // target 0
    public void A_tier_multiplier_scales_rebates_only(string tier, IncentiveKind kind, long cents)
    {
        var result = Calculate(Definition(Rule(kind, rate: 2)), Facts([Won(50_000, referred: true)]),
                               tiers: new Dictionary<Guid, string> { [Acme] = tier }, targets: new Dictionary<Guid, decimal> { [Acme] = 0 });
        Assert.Equal(cents, result.Of()!.AmountMinor);
    }

    [Theory]
    [InlineData(100_000, 150_000, 2_500_00L)]  // 5 % of the 50,000 above target
    [InlineData(150_000, 150_000, null)]      // at target: nothing above it
    [InlineData(200_000, 150_000, null)]
    [InlineData(null, 150_000, null)]         // no target for the period: no accelerator line
    public void An_accelerator_pays_above_the_partners_target(int? target, int revenue, long? cents)
    {
        var targets = target is { } t ? new Dictionary<Guid, decimal> { [Acme] = t } : [];
        var line = Calculate(Definition(Rule(IncentiveKind.Accelerator, rate: 5)), Facts([Won(revenue)]), targets: targets).Of();
        Assert.Equal(cents, line?.AmountMinor);
    }

    [Theory]
    [InlineData("gold", 3_000_00L)]     // Gold's 3 % fund accrual benefit
    [InlineData("silver", null)]       // Silver's benefit is 0 %: nothing
    public void A_fund_accrual_may_take_its_rate_from_the_tier(string tier, long? cents)
    {
        var rule = Rule(IncentiveKind.FundAccrual, rate: 1) with { RateFromTier = true };
        var line = Calculate(Definition(rule), Facts([Won(100_000)]), tiers: new Dictionary<Guid, string> { [Acme] = tier }).Of();
        Assert.Equal(cents, line?.AmountMinor);
        Assert.True(line is null || !line.IsCash);
    }

    [Fact]
    public void A_certification_spiff_pays_per_certification_earned_in_the_period_the_first_in_event_order()
    {
        var (ana, ben, cert) = (Id(0xa1a), Id(0xb1b), Id(0xce7));
        var earned = new CertificationEarned[]
        {
            new(Acme, ben, cert, Day("2026-08-01")),
            new(Acme, ana, cert, Day("2026-08-01")),   // same day: Ana before Ben (person order)
            new(Acme, ana, cert, Day("2026-07-15")),   // earliest
            new(Acme, ana, cert, Day("2026-06-30")),   // before the period
        };
        var line = Calculate(Definition(Spiff(200, "rule", SpiffEvent.CertificationEarned, max: 2)), Facts([], earned)).Of()!;
        Assert.Equal(400_00, line.AmountMinor);
        Assert.Equal([Day("2026-07-15"), Day("2026-08-01")], line.Basis.Certifications.Select(c => c.EarnedOn));
        Assert.Equal(ana, line.Basis.Certifications[1].PersonId);
        Assert.Contains("maximum of 2 reached; 1 more not paid", line.Explanation);
    }

    [Fact]
    public void Rules_of_another_cadence_are_not_calculated_for_the_period()
    {
        var monthly = Rebate(2, "rule") with { Period = Engine.Time.PeriodUnit.Month };
        Assert.Empty(Calculate(monthly, Won(1_000)).Lines);
    }
}
