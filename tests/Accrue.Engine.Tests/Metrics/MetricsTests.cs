using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Training;
using static Accrue.Engine.Tests.Metrics.A;

namespace Accrue.Engine.Tests.Metrics;

/// <summary>Each metric over 2026-Q3 ([2026-07-01, 2026-10-01)) as of 2026-10-01.</summary>
public class MetricsTests
{
    [Theory]
    [InlineData("2026-07-01", true)]    // the window's first day
    [InlineData("2026-09-30", true)]    // the window's last day
    [InlineData("2026-10-01", false)]   // the window's end: half-open
    [InlineData("2026-06-30", false)]   // the day before
    public void A_won_deal_counts_by_its_close_date_in_the_window(string closed, bool counts)
    {
        var facts = Facts([Won(closed, 1_250.50m)]);
        Assert.Equal(counts ? 1_250.50m : 0m, facts.Measure(Metric.WonRevenue).Value);
        Assert.Equal(counts ? 1m : 0m, facts.Measure(Metric.WonDeals).Value);
    }

    [Theory]
    [InlineData("2026-09-30", false)]   // reversed before the evaluation date: no longer won
    [InlineData("2026-10-01", true)]    // reversed on the evaluation date: the evaluation does not see it yet
    [InlineData("2026-12-15", true)]    // reversed later
    public void A_deal_reversed_before_the_evaluation_date_no_longer_counts_as_won(string reversed, bool counts)
    {
        var facts = Facts([Won("2026-08-10", 2_000m, reversed: reversed), Won("2026-08-11", 500m)]);
        Assert.Equal(counts ? 2_500m : 500m, facts.Measure(Metric.WonRevenue).Value);
        Assert.Equal(counts ? 2m : 1m, facts.Measure(Metric.WonDeals).Value);
        Assert.Equal(counts ? 100m : 50m, facts.Measure(Metric.WinRate).Value);   // still closed, not won
    }

    [Fact]
    public void Registered_deals_count_approved_registrations_dated_in_the_window_whatever_their_stage()
    {
        var facts = Facts([Open("2026-07-01"), Open("2026-09-30", approved: false), Open("2026-10-01"), Won("2026-09-01", registered: "2026-08-01"),
                           Lost("2026-09-02")]);
        Assert.Equal(3m, facts.Measure(Metric.RegisteredDeals).Value);
    }

    [Fact]
    public void Qualified_opportunities_count_deals_first_qualified_in_the_window()
    {
        var facts = Facts([Open("2026-05-01", qualified: "2026-06-30"), Open("2026-05-01", qualified: "2026-07-01"),
                           Open("2026-08-01", qualified: "2026-09-30"), Open("2026-08-01", qualified: "2026-10-01"), Open("2026-08-01")]);
        Assert.Equal(2m, facts.Measure(Metric.QualifiedOpportunities).Value);
    }

    [Fact]
    public void Win_rate_is_won_over_closed_in_percent_and_open_deals_never_count()
    {
        var facts = Facts([Won("2026-07-10"), Won("2026-08-10"), Lost("2026-07-11"), Lost("2026-08-11"), Lost("2026-09-11"),
                           Open("2026-07-01"), Lost("2026-10-01")]);
        Assert.Equal(40m, facts.Measure(Metric.WinRate).Value);
    }

    [Fact]
    public void Win_rate_without_closed_deals_is_undefined_and_says_why()
    {
        var rate = Facts([Open("2026-07-01"), Won("2026-06-30")]).Measure(Metric.WinRate);
        Assert.False(rate.IsDefined);
        Assert.Equal("no closed deals in the window", rate.UndefinedReason);
    }

    [Fact]
    public void Average_days_to_close_is_the_mean_over_won_deals_and_undefined_without_them()
    {
        var facts = Facts([Won("2026-07-11", registered: "2026-07-01"), Won("2026-08-01", registered: "2026-07-01"), Lost("2026-09-01")]);
        Assert.Equal(20.5m, facts.Measure(Metric.AvgDaysToClose).Value);   // (10 + 31) / 2
        var none = Facts([Lost("2026-09-01")]).Measure(Metric.AvgDaysToClose);
        Assert.Equal((null, "no won deals in the window"), (none.Value, none.UndefinedReason));
    }

    [Theory]
    [InlineData(150, 100, 50)]     // +50 %
    [InlineData(80, 100, -20)]     // a fall is negative
    [InlineData(0, 100, -100)]
    public void Growth_compares_with_the_previous_window_of_the_same_length_in_percent(int now, int before, int percent)
    {
        var facts = Facts([Won("2026-09-30", now), Won("2026-04-01", before), Won("2026-03-31", 1_000_000m)]);   // Q1 is outside both
        Assert.Equal(percent, facts.Measure(Metric.Growth).Value);
    }

    [Fact]
    public void Growth_without_revenue_in_the_previous_window_is_undefined_and_says_why()
    {
        var growth = Facts([Won("2026-09-30", 100m), Won("2026-07-01", 100m, registered: "2026-06-01", reversed: "2026-09-01")]).Measure(Metric.Growth);
        Assert.Equal((null, "no won revenue in the previous window"), (growth.Value, growth.UndefinedReason));
    }

    [Theory]
    [InlineData("2026-09-30", "2027-09-30", true)]    // earned on the last day
    [InlineData("2025-10-01", "2026-09-30", false)]   // lapses on the last day: validity is half-open
    [InlineData("2025-10-01", "2026-10-01", true)]    // lapses the day after the last day
    [InlineData("2026-10-01", "2027-10-01", false)]   // earned on the window's end
    [InlineData("2026-07-01", "2026-08-01", false)]   // valid earlier in the window only
    public void Certified_people_hold_a_certification_valid_on_the_windows_last_day(string from, string until, bool counts) =>
        Assert.Equal(counts ? 1m : 0m, Facts(certifications: [Held(from, until)]).Measure(Metric.CertifiedPeople).Value);

    [Fact]
    public void Certified_people_are_distinct_people_and_a_track_counts_its_own_certifications()
    {
        var facts = Facts(certifications:
        [
            Held("2026-01-01", "2027-01-01"), Held("2026-02-01", "2027-02-01", track: CertificationTrack.Technical),   // Ana twice
            Held("2026-01-01", "2027-01-01", Ben, CertificationTrack.Technical),
        ]);
        Assert.Equal(2m, facts.Measure(Metric.CertifiedPeople).Value);
        Assert.Equal(1m, facts.Measure(Metric.CertifiedPeople, CertificationTrack.Sales).Value);
        Assert.Equal(2m, facts.Measure(Metric.CertifiedPeople, CertificationTrack.Technical).Value);
        Assert.Equal(0m, facts.Measure(Metric.CertifiedPeople, CertificationTrack.PreSales).Value);
    }

    [Fact]
    public void Distinct_certifications_count_different_certifications_earned_in_the_window()
    {
        var facts = Facts(activities:
        [
            Did(ActivityKind.CertificationEarned, "2026-07-01", SalesCertification), Did(ActivityKind.CertificationEarned, "2026-09-30", SalesCertification),
            Did(ActivityKind.CertificationEarned, "2026-10-01", TechCertification), Did(ActivityKind.CertificationEarned, "2026-06-30", TechCertification),
        ]);
        Assert.Equal(1m, facts.Measure(Metric.DistinctCertifications).Value);
    }

    [Theory]
    [InlineData(ActivityKind.TrainingCompletion, Metric.TrainingCompletions)]
    [InlineData(ActivityKind.MarketingActivity, Metric.MarketingActivities)]
    [InlineData(ActivityKind.BusinessReview, Metric.BusinessReviews)]
    public void Activities_count_when_dated_in_the_window(ActivityKind kind, Metric metric)
    {
        var facts = Facts(activities: [Did(kind, "2026-06-30"), Did(kind, "2026-07-01"), Did(kind, "2026-09-30"), Did(kind, "2026-09-30"), Did(kind, "2026-10-01")]);
        Assert.Equal(3m, facts.Measure(metric).Value);
    }

    [Fact]
    public void A_partner_without_facts_has_zero_counts_and_undefined_rates()
    {
        var facts = Facts([Won("2026-09-01", partner: Birch)]);
        foreach (var partner in new[] { Acme, Stranger })
        {
            Assert.Equal(0m, facts.Measure(Metric.WonRevenue, partner: partner).Value);
            Assert.Equal(0m, facts.Measure(Metric.CertifiedPeople, partner: partner).Value);
            Assert.Equal("no closed deals in the window", facts.Measure(Metric.WinRate, partner: partner).UndefinedReason);
        }
        Assert.Equal(-1, facts.IndexOf(Stranger));
        Assert.Equal(1_000m, facts.Measure(Metric.WonRevenue, partner: Birch).Value);
    }

    [Fact]
    public void Facts_of_partners_not_listed_are_ignored()
    {
        var facts = Facts([Won("2026-09-01", partner: Stranger)], activities: [new ActivityFact(Stranger, ActivityKind.BusinessReview, Day("2026-09-01"))]);
        Assert.Equal([Acme, Birch], facts.Partners);
        Assert.Equal(0m, facts.Measure(Metric.WonRevenue, partner: Stranger).Value);
    }

    [Fact]
    public void Metric_names_are_the_files_snake_case_and_read_back()
    {
        Assert.Equal("won_revenue", MetricNames.Of(Metric.WonRevenue));
        Assert.Equal("avg_days_to_close", MetricNames.Of(Metric.AvgDaysToClose));
        Assert.Equal(Enum.GetValues<Metric>().Length, MetricNames.All.Count);
        foreach (var metric in Enum.GetValues<Metric>())
            Assert.True(MetricNames.TryParse(MetricNames.Of(metric), out var read) && read == metric);
        Assert.False(MetricNames.TryParse("won_revenu", out _));
        Assert.False(MetricNames.TryParse(null, out _));
        Assert.True(MetricNames.LowerIsBetter(Metric.AvgDaysToClose));
        Assert.False(MetricNames.LowerIsBetter(Metric.WinRate));
    }
}
