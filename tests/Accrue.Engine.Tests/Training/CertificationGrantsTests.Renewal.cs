using Accrue.Engine.Training;
using static Accrue.Engine.Tests.Training.A;
using static Accrue.Engine.Training.CertificationEventKind;

namespace Accrue.Engine.Tests.Training;

/// <summary>Renewing before the end, lapsing on it, and coming back after it. Ana earns Sales on 2026-03-14, valid until 2027-03-14.</summary>
public partial class CertificationGrantsTests
{
    static CertificationHistory Renewing(string asOf, params Completion[] later) =>
        Derive(asOf, [.. Certified("2026-03-14"), .. later]);

    static (CertificationEventKind, string)[] Kinds(CertificationHistory history) =>
        [.. history.Events.Select(e => (e.Kind, e.On.ToString("yyyy-MM-dd")))];

    [Theory]
    [InlineData("2027-02-01")]   // a month early
    [InlineData("2026-03-15")]   // the day after earning: renewing early loses nothing
    [InlineData("2026-03-14")]   // the day it is earned, read after the requirements (ties go by module id)
    [InlineData("2027-03-13")]   // the last valid day
    public void A_refresher_before_the_end_extends_the_same_period_from_its_end(string refreshedOn)
    {
        var history = Renewing("2027-12-31", Done(Refresher, refreshedOn));
        Assert.Equal([Period("2026-03-14", "2028-03-14")], history.Periods);
        Assert.Equal($"renewed on {refreshedOn} with Sales Refresher: valid until 2028-03-14", history.Events[^1].Explanation);
        Assert.Equal([(Earned, "2026-03-14"), (Renewed, refreshedOn)], Kinds(history));
    }

    [Theory]
    [InlineData("2026-06-01", "2028-03-14")]   // before the old end: that end was renewed already, nothing more
    [InlineData("2027-03-13", "2028-03-14")]   // the old end's last valid day: still nothing
    [InlineData("2027-03-14", "2029-03-14")]   // from the old end on, the renewed end may be renewed once in turn
    [InlineData("2028-02-01", "2029-03-14")]
    public void Each_end_is_renewed_once_so_a_second_early_refresher_adds_nothing(string secondOn, string validUntil)
    {
        var history = Renewing("2029-12-31", Done(Refresher, "2026-05-01"), Done(Refresher, secondOn));
        Assert.Equal(Day(validUntil), Assert.Single(history.Periods).ValidUntil);
        Assert.Equal(validUntil == "2028-03-14" ? 1 : 2, history.Events.Count(e => e.Kind == Renewed));
    }

    [Theory]
    [InlineData("2027-03-13", 0)]   // the last valid day: not lapsed yet
    [InlineData("2027-03-14", 1)]   // the end day: lapsed on it
    [InlineData("2027-09-30", 1)]
    public void Without_a_refresher_it_lapses_on_its_end_day_reported_once_as_of_has_reached_it(string asOf, int lapses)
    {
        var history = Renewing(asOf);
        Assert.Equal([Period("2026-03-14", "2027-03-14")], history.Periods);
        Assert.Equal(lapses, history.Events.Count(e => e.Kind == Lapsed));
        if (lapses == 1)
            Assert.Equal(new CertificationEvent(Lapsed, Ana, SalesCertification, Day("2027-03-14"),
                "lapsed on 2027-03-14: not renewed before it expired"), history.Events[^1]);
    }

    [Fact]
    public void A_refresher_after_a_lapse_starts_a_new_period_from_its_own_day_leaving_a_gap()
    {
        var history = Renewing("2027-12-31", Done(Refresher, "2027-05-02"));
        Assert.Equal([Period("2026-03-14", "2027-03-14"), Period("2027-05-02", "2028-05-02")], history.Periods);
        Assert.Equal([(Earned, "2026-03-14"), (Lapsed, "2027-03-14"), (Renewed, "2027-05-02")], Kinds(history));
        Assert.Equal("renewed after lapse on 2027-05-02 with Sales Refresher: valid from 2027-05-02 until 2028-05-02",
                     history.Events[^1].Explanation);
    }

    [Fact]
    public void A_refresher_on_the_end_day_itself_is_too_late_and_starts_a_new_period()
    {
        var history = Renewing("2027-12-31", Done(Refresher, "2027-03-14"));
        Assert.Equal([Period("2026-03-14", "2027-03-14"), Period("2027-03-14", "2028-03-14")], history.Periods);
        Assert.Equal([(Earned, "2026-03-14"), (Lapsed, "2027-03-14"), (Renewed, "2027-03-14")], Kinds(history));
    }

    [Fact]
    public void Completing_every_requirement_again_after_a_lapse_earns_it_again()
    {
        var history = Renewing("2027-12-31",
            Done(Foundations, "2027-04-01"), Done(Pricing, "2027-04-01"), Done(Exam, "2027-06-01", 75m));
        Assert.Equal([Period("2026-03-14", "2027-03-14"), Period("2027-06-01", "2028-06-01")], history.Periods);
        Assert.Equal([(Earned, "2026-03-14"), (Lapsed, "2027-03-14"), (Earned, "2027-06-01")], Kinds(history));
        Assert.Equal("earned again on 2027-06-01: completed Sales Foundations, Pricing and the Sales Exam (score 75, passing 70)",
                     history.Events[^1].Explanation);
    }

    [Fact]
    public void Modules_completed_while_it_is_valid_do_not_count_toward_earning_it_again()
    {
        var history = Renewing("2027-12-31",
            Done(Foundations, "2027-01-10"), Done(Pricing, "2027-01-10"), Done(Exam, "2027-06-01", 75m));
        Assert.Equal([Period("2026-03-14", "2027-03-14")], history.Periods);
    }

    [Fact]
    public void A_refresher_before_it_was_ever_earned_does_nothing()
    {
        var history = Derive("2027-12-31", [Done(Refresher, "2026-01-05"), .. Certified("2026-03-14")]);
        Assert.Equal([Period("2026-03-14", "2027-03-14")], history.Periods);
        Assert.Equal([(Earned, "2026-03-14"), (Lapsed, "2027-03-14")], Kinds(history));
    }

    [Fact]
    public void Without_a_refresher_module_nothing_renews()
    {
        var rule = Sales() with { RefresherModuleId = null };
        var history = CertificationGrants.Derive(rule, Ana, [.. Certified("2026-03-14"), Done(Refresher, "2027-02-01")], Day("2027-12-31"));
        Assert.Equal([Period("2026-03-14", "2027-03-14")], history.Periods);
    }
}
