using Accrue.Engine.Deals;
using static Accrue.Engine.Tests.Deals.A;

namespace Accrue.Engine.Tests.Deals;

public partial class FraudSignalsTests
{
    const string RegistrationDay = "2026-04-15";

    /// <summary>An unremarkable registration of 12,345.67 USD on 2026-04-15: no signals.</summary>
    static FraudCheck Check(long amountMinor = 1_234_567, string currency = "USD", int minorDigits = 2, string registeredOn = RegistrationDay) =>
        new(Candidate(on: registeredOn), amountMinor, currency, minorDigits, "jane@acme.com", [], [], [], []);

    static PastRegistration[] Registrations(int count, string on, long amountMinor = 1_234_567, string currency = "USD") =>
        [.. Enumerable.Range(0, count).Select(i => new PastRegistration(At(on).AddMinutes(i), amountMinor, currency))];

    static string? Explanation(FraudCheck check, SignalKind kind) =>
        FraudSignals.Find(check, FraudPolicy.Default).SingleOrDefault(s => s.Kind == kind)?.Explanation;

    [Fact]
    public void An_unremarkable_registration_raises_no_signal() => Assert.Empty(FraudSignals.Find(Check(), FraudPolicy.Default));

    [Theory]
    [InlineData(4, 0, "5 registrations in 7 days; this partner's usual is 0 per 7 days")]     // the minimum of 5 with no history
    [InlineData(3, 0, null)]                                                                   // 4 is below the minimum
    [InlineData(5, 14, "6 registrations in 7 days; this partner's usual is 1.2 per 7 days")]   // 14 in 12 weeks: 1.17 a week
    [InlineData(5, 24, "6 registrations in 7 days; this partner's usual is 2 per 7 days")]     // exactly 3 × 2
    [InlineData(4, 24, null)]                                                                  // 5 is below 3 × 2
    public void A_burst_is_at_least_5_and_three_times_the_partner_s_usual_week(int earlierThisWeek, int inTheTwelveWeeksBefore, string? explanation)
    {
        var check = Check() with
        {
            PartnerHistory = [.. Registrations(earlierThisWeek, "2026-04-09"), .. Registrations(inTheTwelveWeeksBefore, "2026-04-08")],
        };
        Assert.Equal(explanation, Explanation(check, SignalKind.RegistrationBurst));
    }

    [Theory]
    [InlineData("2026-04-09", "2026-04-08", "5 registrations in 7 days; this partner's usual is 0.5 per 7 days")]   // the window's first day; the baseline's last
    [InlineData("2026-04-08", "2026-04-08", null)]                                                                  // a day too early for the window
    [InlineData("2026-04-15", "2026-01-15", "5 registrations in 7 days; this partner's usual is 0.5 per 7 days")]   // the same day; the baseline's first (12 weeks before the window)
    [InlineData("2026-04-15", "2026-01-14", "5 registrations in 7 days; this partner's usual is 0 per 7 days")]     // a day too early for the baseline
    public void The_window_is_the_7_days_ending_on_the_registration_day_and_the_baseline_the_12_weeks_before_it(
        string fourEarlierOn, string sixInBaselineOn, string? explanation)
    {
        var check = Check() with { PartnerHistory = [.. Registrations(4, fourEarlierOn), .. Registrations(6, sixInBaselineOn)] };
        Assert.Equal(explanation, Explanation(check, SignalKind.RegistrationBurst));
    }

    [Fact]
    public void With_a_longer_window_the_usual_is_counted_per_window_not_per_week()
    {
        var check = Check() with { PartnerHistory = [.. Registrations(5, "2026-04-02"), .. Registrations(12, "2026-04-01")] };   // window from 2026-04-02
        Assert.Equal("6 registrations in 14 days; this partner's usual is 2 per 14 days",
            FraudSignals.Find(check, FraudPolicy.Default with { BurstWindowDays = 14 }).Single(s => s.Kind == SignalKind.RegistrationBurst).Explanation);
    }

    [Theory]
    [InlineData("2026-12-27", null)]                                                            // 4 days before
    [InlineData("2026-12-28", "registered 3 days before promotion 'Q4 SPIFF' ends on 2026-12-31")]
    [InlineData("2026-12-29", "registered 2 days before promotion 'Q4 SPIFF' ends on 2026-12-31")]
    [InlineData("2026-12-30", "registered 1 day before promotion 'Q4 SPIFF' ends on 2026-12-31")]
    [InlineData("2026-12-31", null)]                                                            // the end day: the promotion is over
    public void Registering_in_the_last_3_days_before_a_promotion_ends_is_flagged(string registeredOn, string? explanation)
    {
        var check = Check(registeredOn: registeredOn) with { Promotions = [new("Q4 SPIFF", Day("2026-12-31")), new("Summer", Day("2026-08-31"))] };
        Assert.Equal(explanation, Explanation(check, SignalKind.LastDaysOfPromotion));
    }

    [Theory]
    [InlineData(5_000_000, "USD", 2, "estimated amount 50,000 is a round figure")]
    [InlineData(1_000_000, "USD", 2, "estimated amount 10,000 is a round figure")]
    [InlineData(50_000, "JPY", 0, "estimated amount 50,000 is a round figure")]         // no minor unit
    [InlineData(50_000_000, "BHD", 3, "estimated amount 50,000 is a round figure")]     // three minor digits
    [InlineData(500_000, "USD", 2, null)]                                               // 5,000: not a multiple of 10,000
    [InlineData(5_000_100, "USD", 2, null)]                                             // 50,001
    [InlineData(5_000_001, "USD", 2, null)]                                             // 50,000.01
    [InlineData(50_000, "USD", 2, null)]                                                // 500
    [InlineData(0, "USD", 2, null)]                                                     // nothing estimated is not round
    public void A_whole_multiple_of_10000_is_a_round_amount(long amountMinor, string currency, int minorDigits, string? explanation) =>
        Assert.Equal(explanation, Explanation(Check(amountMinor, currency, minorDigits), SignalKind.RoundAmount));
}
