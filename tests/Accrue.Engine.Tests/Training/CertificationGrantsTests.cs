using Accrue.Engine.Training;
using static Accrue.Engine.Tests.Training.A;
using static Accrue.Engine.Training.CertificationEventKind;

namespace Accrue.Engine.Tests.Training;

public partial class CertificationGrantsTests
{
    static decimal? Score(string? score) => score is null ? null : decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture);

    static DateOnly? EarnedOn(CertificationHistory history) =>
        history.Events.FirstOrDefault(e => e.Kind == Earned)?.On;

    [Fact]
    public void Completing_every_requirement_earns_it_for_valid_months_with_the_reason_in_words()
    {
        var history = Derive("2026-12-31",
            Done(Foundations, "2026-02-02"), Done(Pricing, "2026-03-01"), Done(Exam, "2026-03-14", 86m));

        Assert.Equal([Period("2026-03-14", "2027-03-14")], history.Periods);
        var earned = Assert.Single(history.Events);
        Assert.Equal(new CertificationEvent(Earned, Ana, SalesCertification, Day("2026-03-14"),
            "earned on 2026-03-14: completed Sales Foundations, Pricing and the Sales Exam (score 86, passing 70)"), earned);
    }

    [Theory]
    [InlineData("2026-03-14", "2026-03-01", "2026-02-02", "2026-03-14")]   // exam first, foundations last
    [InlineData("2026-03-01", "2026-03-14", "2026-02-02", "2026-03-14")]   // pricing last
    [InlineData("2026-02-02", "2026-02-02", "2026-02-02", "2026-02-02")]   // all on one day
    public void Requirements_may_be_completed_in_any_order_and_it_is_earned_on_the_last(
        string foundations, string pricing, string exam, string earnedOn)
    {
        var history = Derive("2026-12-31", Done(Exam, exam, 86m), Done(Foundations, foundations), Done(Pricing, pricing));
        Assert.Equal(Day(earnedOn), EarnedOn(history));
    }

    [Theory]
    [InlineData("86", "2026-03-14")]      // passes
    [InlineData("70", "2026-03-14")]      // exactly the passing score passes
    [InlineData("69.99", null)]           // just below: not earned
    [InlineData("0", null)]
    [InlineData(null, null)]              // no score: does not pass
    public void The_exam_counts_only_at_or_above_the_passing_score(string? score, string? earnedOn)
    {
        var history = Derive("2026-12-31",
            Done(Foundations, "2026-03-01"), Done(Pricing, "2026-03-01"), Done(Exam, "2026-03-14", Score(score)));
        Assert.Equal(earnedOn is null ? null : Day(earnedOn), EarnedOn(history));
        Assert.Equal(earnedOn is null ? 0 : 1, history.Periods.Count);
    }

    [Fact]
    public void A_failed_exam_taken_again_and_passed_earns_it_on_the_retake()
    {
        var history = Derive("2026-12-31",
            Done(Foundations, "2026-03-01"), Done(Pricing, "2026-03-01"), Done(Exam, "2026-03-14", 55m), Done(Exam, "2026-04-02", 91.5m));
        Assert.Equal("earned on 2026-04-02: completed Sales Foundations, Pricing and the Sales Exam (score 91.5, passing 70)",
                     Assert.Single(history.Events).Explanation);
    }

    [Theory]
    [InlineData("2026-03-13", false)]   // the exam comes after asOf: ignored
    [InlineData("2026-03-14", true)]    // on asOf: counts
    public void Completions_after_as_of_are_ignored(string asOf, bool earned) =>
        Assert.Equal(earned, Derive(asOf, Certified("2026-03-14")).Periods.Count == 1);

    [Fact]
    public void Other_peoples_completions_and_other_modules_are_ignored()
    {
        var history = Derive("2026-12-31",
            Done(Foundations, "2026-03-01"), Done(Pricing, "2026-03-01", person: Ben), Done(Exam, "2026-03-14", 90m),
            Done(Unrelated, "2026-03-15"), Done(Refresher, "2026-03-20", person: Ben));
        Assert.Empty(history.Periods);
        Assert.Empty(history.Events);
    }

    [Fact]
    public void Without_module_names_the_explanation_names_modules_by_id()
    {
        var history = CertificationGrants.Derive(Sales(), Ana, Certified("2026-03-14"), Day("2026-12-31"));
        Assert.Equal($"earned on 2026-03-14: completed {Foundations}, {Pricing} and the {Exam} (score 86, passing 70)",
                     Assert.Single(history.Events).Explanation);
    }

    [Fact]
    public void A_certification_without_an_exam_lists_its_modules()
    {
        var rule = Sales() with { RequiredModuleIds = [Foundations, Pricing], ExamModuleId = null };
        var history = CertificationGrants.Derive(rule, Ana, [Done(Pricing, "2026-03-01"), Done(Foundations, "2026-03-14")], Day("2026-12-31"), ModuleNames);
        Assert.Equal("earned on 2026-03-14: completed Sales Foundations and Pricing", Assert.Single(history.Events).Explanation);
    }

    [Fact]
    public void An_exam_the_rule_does_not_list_among_its_modules_is_required_all_the_same()
    {
        var rule = Sales() with { RequiredModuleIds = [Foundations] };
        var withoutExam = CertificationGrants.Derive(rule, Ana, [Done(Foundations, "2026-03-01")], Day("2026-12-31"));
        var withExam = CertificationGrants.Derive(rule, Ana, [Done(Foundations, "2026-03-01"), Done(Exam, "2026-03-14", 80m)], Day("2026-12-31"));
        Assert.Empty(withoutExam.Periods);
        Assert.Equal([Period("2026-03-14", "2027-03-14")], withExam.Periods);
    }

    [Theory]
    [InlineData("2026-01-31", 1, "2026-02-28")]    // the month is shorter: its last day
    [InlineData("2028-01-31", 1, "2028-02-29")]    // a leap year
    [InlineData("2026-03-14", 12, "2027-03-14")]
    [InlineData("2028-02-29", 12, "2029-02-28")]   // earned on a leap day
    public void Validity_lasts_calendar_months(string earnedOn, int validMonths, string validUntil)
    {
        var history = CertificationGrants.Derive(Sales(validMonths), Ana, Certified(earnedOn), Day("2030-01-01"));
        Assert.Equal(Day(validUntil), history.Periods[0].ValidUntil);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-12)]
    public void A_certification_lasts_at_least_a_month(int validMonths) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificationGrants.Derive(Sales(validMonths), Ana, [], Day("2026-01-01")));

    [Fact]
    public void A_certification_that_requires_nothing_is_refused() =>
        Assert.Throws<ArgumentException>(() => CertificationGrants.Derive(
            Sales() with { RequiredModuleIds = [], ExamModuleId = null }, Ana, [], Day("2026-01-01")));
}
