using Accrue.Engine.Training;
using static Accrue.Engine.Tests.Training.A;
using static Accrue.Engine.Training.CertificationEventKind;
using Accrue.Engine.Time;

namespace Accrue.Engine.Tests.Training;

/// <summary>The metrics over 2026-Q1, [2026-01-01, 2026-04-01): its last day is 2026-03-31.</summary>
public partial class TrainingMetricsTests
{
    static readonly DateWindow Q1 = Window("2026-01-01", "2026-04-01");

    static CertificationEvent Event(CertificationEventKind kind, string on, Guid? person = null, Guid? certification = null) =>
        new(kind, person ?? Ana, certification ?? SalesCertification, Day(on), "");

    [Theory]
    [InlineData("2026-03-31", true)]    // earned on the window's last day: counts
    [InlineData("2026-04-01", false)]   // earned on End: after the window
    [InlineData("2025-03-31", false)]   // valid until 2026-03-31, the last day: lapsed that day, does not count
    [InlineData("2025-04-01", true)]    // valid until 2026-04-01, the day after the last day: counts
    [InlineData("2025-03-30", false)]   // lapsed the day before the last day
    [InlineData("2026-01-01", true)]    // earned on the first day and still valid on the last
    public void A_certification_counts_when_it_is_valid_on_the_windows_last_day(string earnedOn, bool counts)
    {
        var history = Derive(asOf: "2026-04-01", Certified(earnedOn));
        Assert.Equal(counts ? 1 : 0, TrainingMetrics.CertifiedPeople(history.Periods, Q1));
    }

    [Theory]
    [InlineData("2026-03-30", true)]    // renewed before it lapsed on the last day: the same period, now until 2027-03-31
    [InlineData("2026-03-31", true)]    // a refresher on the lapse day itself starts a new period that day: counts
    [InlineData("2026-04-01", false)]   // a refresher after the window is too late for it
    public void A_renewal_keeps_a_certification_that_would_lapse_on_the_last_day(string refreshedOn, bool counts)
    {
        var history = Derive(asOf: "2026-04-01", [.. Certified("2025-03-31"), Done(Refresher, refreshedOn)]);
        Assert.Equal(counts ? 1 : 0, TrainingMetrics.CertifiedPeople(history.Periods, Q1));
    }

    // Ana holds two Sales-track certifications, Ben a Technical one, Cho one of each; Dee's Sales lapsed on the last day.
    static readonly CertificationPeriod[] Team =
    [
        Period("2025-06-01", "2026-06-01"),
        Period("2025-09-01", "2026-09-01", certification: TechCertification),
        Period("2026-02-01", "2027-02-01", Ben, CertificationTrack.Technical, TechCertification),
        Period("2025-05-01", "2026-05-01", Cho),
        Period("2025-05-01", "2026-05-01", Cho, CertificationTrack.Technical, TechCertification),
        Period("2025-03-31", "2026-03-31", Guid.Parse("00000000-0000-0000-0000-0000000000d1")),
    ];

    [Theory]
    [InlineData(null, 3)]                                // Ana once though she holds two, Ben, Cho once though she holds two tracks
    [InlineData(CertificationTrack.Sales, 2)]            // Ana and Cho
    [InlineData(CertificationTrack.Technical, 2)]        // Ben and Cho
    [InlineData(CertificationTrack.PreSales, 0)]
    public void Certified_people_counts_each_person_once_optionally_for_one_track(CertificationTrack? track, int people) =>
        Assert.Equal(people, TrainingMetrics.CertifiedPeople(Team, Q1, track));

    [Theory]
    [InlineData(Earned, 1)]
    [InlineData(Renewed, 0)]   // a renewal keeps a certification; it is not earned again
    [InlineData(Lapsed, 0)]
    public void Distinct_certifications_count_only_earned_events(CertificationEventKind kind, int count) =>
        Assert.Equal(count, TrainingMetrics.DistinctCertifications([Event(kind, "2026-02-01")], Q1));

    [Theory]
    [InlineData("2025-12-31", 0)]   // the day before the window
    [InlineData("2026-01-01", 1)]   // Start
    [InlineData("2026-03-31", 1)]   // the last day
    [InlineData("2026-04-01", 0)]   // End: half-open
    public void Distinct_certifications_count_those_earned_in_the_window(string earnedOn, int count) =>
        Assert.Equal(count, TrainingMetrics.DistinctCertifications([Event(Earned, earnedOn)], Q1));

    [Fact]
    public void Distinct_certifications_count_each_certification_once_however_many_people_earn_it()
    {
        CertificationEvent[] events =
        [
            Event(Earned, "2026-01-10"),                                           // Ana earns Sales
            Event(Earned, "2026-02-10", Ben),                                      // Ben too: still one certification
            Event(Earned, "2026-03-10", Ana),                                      // Ana again after a lapse: still one
            Event(Renewed, "2026-02-01", Cho, TechCertification),                  // renewed, not earned
            Event(Earned, "2026-04-01", Ben, TechCertification),                   // after the window
        ];
        Assert.Equal(1, TrainingMetrics.DistinctCertifications(events, Q1));
        Assert.Equal(2, TrainingMetrics.DistinctCertifications([.. events, Event(Earned, "2026-03-31", Cho, TechCertification)], Q1));
    }

    [Theory]
    [InlineData("2025-12-31", 0)]   // the day before the window
    [InlineData("2026-01-01", 1)]   // Start
    [InlineData("2026-03-31", 1)]   // the last day
    [InlineData("2026-04-01", 0)]   // End: half-open
    public void Training_completions_count_those_dated_in_the_window(string completedOn, int count) =>
        Assert.Equal(count, TrainingMetrics.TrainingCompletions([Done(Foundations, completedOn)], Q1));

    [Fact]
    public void Training_completions_count_every_attempt_failed_exams_and_repeats_included() =>
        Assert.Equal(4, TrainingMetrics.TrainingCompletions(
            [Done(Exam, "2026-02-01", 40m), Done(Exam, "2026-02-15", 90m), Done(Foundations, "2026-03-01"), Done(Foundations, "2026-03-02", person: Ben)], Q1));
}
