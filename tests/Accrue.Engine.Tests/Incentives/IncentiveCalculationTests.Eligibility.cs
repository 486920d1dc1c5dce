using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using static Accrue.Engine.Tests.Incentives.A;

namespace Accrue.Engine.Tests.Incentives;

/// <summary>Who and which deals a rule pays for: eligibility, influence, payment milestone, clawback.</summary>
public class IncentiveEligibilityTests
{
    static IncentiveRule For(IncentiveEligibility eligibility) => Rebate(2, "rule") with { Eligibility = eligibility };

    public static TheoryData<string, IncentiveRule, IncentivePartner, string?, IncentiveDeal, bool> Filters => new()
    {
        { "a Gold-only rule pays a partner on Gold", For(new() { Tiers = ["gold"] }), Partner(Acme), "gold", Won(1_000), true },
        { "a Gold-only rule does not pay a partner on Silver", For(new() { Tiers = ["gold"] }), Partner(Acme), "silver", Won(1_000), false },
        { "a partner with no tier in force is on the entry tier", For(new() { Tiers = ["registered"] }), Partner(Acme), null, Won(1_000), true },
        { "partner type listed", For(new() { PartnerTypes = [PartnerType.Msp, PartnerType.Reseller] }), Partner(Acme), null, Won(1_000), true },
        { "partner type not listed", For(new() { PartnerTypes = [PartnerType.Integrator] }), Partner(Acme), null, Won(1_000), false },
        { "region listed", For(new() { Regions = [Region.Europe] }), Partner(Acme, region: Region.Europe), null, Won(1_000), true },
        { "region not listed", For(new() { Regions = [Region.Europe] }), Partner(Acme), null, Won(1_000), false },
        { "segment listed", For(new() { Segments = ["healthcare"] }), Partner(Acme, segment: "healthcare"), null, Won(1_000), true },
        { "a partner without a segment does not match a list", For(new() { Segments = ["healthcare"] }), Partner(Acme), null, Won(1_000), false },
        { "product listed", For(new() { Products = ["x"] }), Partner(Acme), null, Won(1_000, product: "x"), true },
        { "a deal without a product does not match a list", For(new() { Products = ["x"] }), Partner(Acme), null, Won(1_000), false },
        { "requires influence: an influenced deal earns", Rebate(2, "rule") with { RequiresInfluence = true }, Partner(Acme), null, Won(1_000, influenced: true), true },
        { "requires influence: a deal without evidence does not", Rebate(2, "rule") with { RequiresInfluence = true }, Partner(Acme), null, Won(1_000), false },
        { "payment milestone: paid before the run's date", Rebate(2, "rule") with { RequiresPayment = true }, Partner(Acme), null, Won(1_000, paid: "2026-09-30"), true },
        { "payment milestone: paid on the run's date is not before it", Rebate(2, "rule") with { RequiresPayment = true }, Partner(Acme), null, Won(1_000, paid: "2026-10-01"), false },
        { "payment milestone: not paid", Rebate(2, "rule") with { RequiresPayment = true }, Partner(Acme), null, Won(1_000), false },
        { "clawback: reversed within the window, the deal earns nothing", Rebate(2, "rule") with { ClawbackDays = 30 }, Partner(Acme), null, Won(1_000, reversed: "2026-08-30"), false },
        { "clawback: the window is half-open, reversed on close + 30 days keeps", Rebate(2, "rule") with { ClawbackDays = 30 }, Partner(Acme), null, Won(1_000, reversed: "2026-08-31"), true },
        { "clawback: reversed after the run's date is not seen yet", Rebate(2, "rule") with { ClawbackDays = 90 }, Partner(Acme), null, Won(1_000, reversed: "2026-10-05"), true },
        { "no clawback window: a reversed deal keeps what it earned", Rebate(2, "rule"), Partner(Acme), null, Won(1_000, reversed: "2026-08-02"), true },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Eligibility_decides_who_and_which_deals_earn(string because, IncentiveRule rule, IncentivePartner acme, string? tier, IncentiveDeal deal, bool pays)
    {
        var tiers = tier is null ? new Dictionary<Guid, string>() : new Dictionary<Guid, string> { [Acme] = tier };
        var line = Calculate(Definition(rule), Facts([deal], partners: [acme]), tiers).Of();
        Assert.True(pays == line is not null, because);
    }

    [Fact]
    public void A_later_run_sees_the_payment_and_pays_the_difference()
    {
        var program = Definition(Rebate(2, "rule") with { RequiresPayment = true });
        var facts = Facts([Won(1_000, paid: "2026-09-15"), Won(2_000, paid: "2026-10-10")]);
        Assert.Equal(20_00, Calculate(program, facts, asOf: "2026-10-01").Of()!.AmountMinor);
        Assert.Equal(60_00, Calculate(program, facts, asOf: "2026-10-11").Of()!.AmountMinor);
    }

    [Fact]
    public void A_reversal_within_the_clawback_window_is_a_recalculation_without_the_deal()
    {
        var program = Definition(Referral(10, "rule") with { ClawbackDays = 90 });
        var facts = Facts([Won(1_000, referred: true), Won(2_000, referred: true, reversed: "2026-10-20")]);
        var before = Calculate(program, facts, asOf: "2026-10-01").Of()!;
        var after = Calculate(program, facts, asOf: "2026-10-21").Of()!;
        Assert.Equal((300_00, 2), (before.AmountMinor, before.Basis.Deals.Count));
        Assert.Equal((100_00, 1), (after.AmountMinor, after.Basis.Deals.Count));
    }

    [Fact]
    public void A_tier_the_program_does_not_have_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Calculate(Definition(Rebate()), Facts([Won(1)]), new Dictionary<Guid, string> { [Acme] = "diamond" }));
        Assert.Contains("'diamond'", error.Message);
    }
}
