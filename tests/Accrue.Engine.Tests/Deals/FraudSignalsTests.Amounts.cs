using Accrue.Engine.Deals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Accrue.Engine.Tests.Deals.A;

namespace Accrue.Engine.Tests.Deals;

public partial class FraudSignalsTests
{
    static PastRegistration[] Amounts(string currency, params long[] majors) =>
        [.. majors.Select((m, i) => new PastRegistration(At("2025-06-01").AddDays(i * 7), m * 100, currency))];

    static readonly PastRegistration[] FiveUsd = Amounts("USD", 60_000, 90_000, 72_000, 70_000, 80_000);

    [Theory]
    [InlineData(90_000_000, "estimated amount 900,000 USD is 12.5× this partner's median of 72,000 USD")]
    [InlineData(36_000_001, "estimated amount 360,000.01 USD is 5× this partner's median of 72,000 USD")]   // just over 5×
    [InlineData(36_000_000, null)]                                                                          // exactly 5×
    public void An_amount_over_5_times_the_partner_s_median_is_an_outlier(long amountMinor, string? explanation) =>
        Assert.Equal(explanation, Explanation(Check(amountMinor) with { PartnerHistory = FiveUsd }, SignalKind.OutlierAmount));

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal("estimated amount 200,000 USD is 5.7× this partner's median of 35,000 USD",
            Explanation(Check(20_000_000) with { PartnerHistory = Amounts("USD", 60_000, 10_000, 50_000, 20_000, 40_000, 30_000) }, SignalKind.OutlierAmount));

    /// <summary>Amounts of a few sizes and currencies, so that draws land on, near and far from 5× their median.</summary>
    static readonly Arbitrary<PastRegistration[]> Histories =
        Gen.ArrayOf(Gen.Zip(Gen.Elements(0L, 1L, 7L, 100L, 7_200_000L, 7_200_001L, 9_000_000L, 36_000_000L, long.MaxValue / 4), Gen.Elements("USD", "usd", "EUR"))
                        .Select(a => new PastRegistration(At("2025-06-01"), a.Item1, a.Item2)))
            .ToArbitrary();

    [Property(MaxTest = 3000)]
    public Property An_amount_is_an_outlier_exactly_when_it_is_over_the_factor_times_the_median_of_at_least_5_amounts() =>
        Prop.ForAll(Histories, Gen.Elements(-1L, 0L, 35_999_999L, 36_000_000L, 36_000_001L, 45_000_005L, long.MaxValue).ToArbitrary(),
                    Gen.Elements(0.5m, 1m, 3m, 5m, 7.5m).ToArbitrary(), (history, amount, factor) =>
        {
            var amounts = history.Where(p => p.Currency.Equals("USD", StringComparison.OrdinalIgnoreCase)).Select(p => p.AmountMinor).Order().ToArray();
            var median = amounts.Length == 0 ? 0m : ((decimal)amounts[(amounts.Length - 1) / 2] + amounts[amounts.Length / 2]) / 2;
            var expected = amounts.Length >= 5 && median > 0 && amount > factor * median;
            var found = FraudSignals.Find(Check(amount) with { PartnerHistory = history }, FraudPolicy.Default with { OutlierFactor = factor })
                .Any(s => s.Kind == SignalKind.OutlierAmount);
            return (found == expected).Label($"median {median}, expected {expected}");
        });

    [Fact]
    public void Fewer_than_5_earlier_amounts_give_no_median_to_compare_with() =>
        Assert.Null(Explanation(Check(90_000_000) with { PartnerHistory = FiveUsd[..4] }, SignalKind.OutlierAmount));

    [Fact]
    public void Only_amounts_in_the_same_currency_count() =>
        Assert.Null(Explanation(Check(90_000_000) with { PartnerHistory = [.. FiveUsd[..4], .. Amounts("EUR", 72_000)] }, SignalKind.OutlierAmount));

    [Fact]
    public void A_contact_on_other_partners_registrations_is_named_with_those_partners()
    {
        ContactUse[] uses = [new("Initech", "jane@acme.com", At("2026-03-01")), new("Globex", "jane@acme.com", At("2026-03-05")), new("Initech", "jane@acme.com", At("2026-03-09"))];
        Assert.Equal("customer contact jane@acme.com is also on registrations of Globex, Initech",
            Explanation(Check() with { SameContactElsewhere = uses }, SignalKind.SharedCustomerContact));
    }

    [Fact]
    public void The_vendor_s_own_engagement_is_named_with_its_opportunities()
    {
        VendorOpportunity[] engaged = [new("CRM-42", "Acme", "acme.com", "Jane Roe", Day("2026-02-10")), new("CRM-7", "Acme", null, "Sam Poe", Day("2026-01-05"))];
        Assert.Equal("the vendor was already engaged: opportunity CRM-42 since 2026-02-10",
            Explanation(Check() with { VendorEngaged = engaged[..1] }, SignalKind.VendorAlreadyEngaged));
        Assert.Equal("the vendor was already engaged: opportunity CRM-7 since 2026-01-05; opportunity CRM-42 since 2026-02-10",
            Explanation(Check() with { VendorEngaged = engaged }, SignalKind.VendorAlreadyEngaged));
    }

    [Fact]
    public void Signals_come_in_the_order_of_their_kinds()
    {
        var check = Check(90_000_000, registeredOn: "2026-12-30") with
        {
            PartnerHistory = [.. FiveUsd, .. Registrations(4, "2026-12-29")],
            Promotions = [new("Q4 SPIFF", Day("2026-12-31"))],
            SameContactElsewhere = [new("Globex", "jane@acme.com", At("2026-03-05"))],
            VendorEngaged = [new("CRM-42", "Acme", "acme.com", "Jane Roe", Day("2026-02-10"))],
        };
        Assert.Equal(Enum.GetValues<SignalKind>(), FraudSignals.Find(check, FraudPolicy.Default).Select(s => s.Kind));
    }

    [Fact]
    public void A_policy_of_other_thresholds_changes_what_is_flagged()
    {
        var check = Check() with { PartnerHistory = Registrations(4, RegistrationDay) };
        Assert.Contains(FraudSignals.Find(check, FraudPolicy.Default), s => s.Kind == SignalKind.RegistrationBurst);
        Assert.DoesNotContain(FraudSignals.Find(check, FraudPolicy.Default with { BurstMinimum = 6 }), s => s.Kind == SignalKind.RegistrationBurst);
    }

    [Fact]
    public void A_policy_with_a_zero_or_negative_number_is_refused()
    {
        Assert.Equal("BurstWindowDays", Assert.Throws<ArgumentOutOfRangeException>(() => new FraudPolicy(BurstWindowDays: 0)).ParamName);
        Assert.Equal("OutlierFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new FraudPolicy(OutlierFactor: -1m)).ParamName);
        Assert.Equal("BurstMinimum", Assert.Throws<ArgumentOutOfRangeException>(() => FraudPolicy.Default with { BurstMinimum = 0 }).ParamName);   // `with` too
    }
}
