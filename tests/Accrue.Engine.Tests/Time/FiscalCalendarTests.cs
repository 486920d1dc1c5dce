using System.Globalization;
using Accrue.Engine.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Time;

public class FiscalCalendarTests
{
    static readonly FiscalCalendar January = new();
    static readonly FiscalCalendar February = new(2);

    [Theory]
    [InlineData(1, "2026-07", "2026-07-01", "2026-08-01")]    // a month is a calendar month
    [InlineData(2, "2026-07", "2026-07-01", "2026-08-01")]    // whatever the fiscal start
    [InlineData(1, "2026-Q3", "2026-07-01", "2026-10-01")]    // January start: calendar quarters
    [InlineData(1, "2026", "2026-01-01", "2027-01-01")]       // January start: the calendar year
    [InlineData(2, "2027", "2026-02-01", "2027-02-01")]       // February start: FY2027 ends in 2027
    [InlineData(2, "2027-Q1", "2026-02-01", "2026-05-01")]    // its first quarter starts in 2026
    [InlineData(2, "2027-Q4", "2026-11-01", "2027-02-01")]    // its last quarter ends in 2027
    [InlineData(7, "2027-Q1", "2026-07-01", "2026-10-01")]    // July start
    [InlineData(12, "2027", "2026-12-01", "2027-12-01")]      // December start
    public void Periods_are_named_by_the_year_in_which_the_fiscal_year_ends(int startMonth, string name, string start, string end)
    {
        var period = new FiscalCalendar(startMonth).Parse(name);
        Assert.Equal((name, Day(start), Day(end)), (period.Name, period.Start, period.End));
        Assert.Equal(period.Window, new DateWindow(Day(start), Day(end)));
    }

    [Theory]
    [InlineData("2026-01-31", PeriodUnit.Quarter, "2026-Q4")]   // the last day of FY2026
    [InlineData("2026-02-01", PeriodUnit.Quarter, "2027-Q1")]   // the first day of FY2027
    [InlineData("2026-04-30", PeriodUnit.Quarter, "2027-Q1")]
    [InlineData("2026-05-01", PeriodUnit.Quarter, "2027-Q2")]
    [InlineData("2026-12-31", PeriodUnit.Quarter, "2027-Q4")]
    [InlineData("2026-12-31", PeriodUnit.Year, "2027")]
    [InlineData("2026-01-15", PeriodUnit.Year, "2026")]
    [InlineData("2026-01-15", PeriodUnit.Month, "2026-01")]
    public void The_period_containing_a_day_with_a_February_start(string day, PeriodUnit unit, string name) =>
        Assert.Equal(name, February.Containing(Day(day), unit).Name);

    [Theory]
    [InlineData(2, "2027-Q4", "2028-Q1", "2027-Q3")]   // across the fiscal year's end
    [InlineData(2, "2027-Q1", "2027-Q2", "2026-Q4")]
    [InlineData(1, "2026-12", "2027-01", "2026-11")]   // months across the calendar year
    [InlineData(2, "2027", "2028", "2026")]
    public void Next_and_previous_periods(int startMonth, string name, string next, string previous)
    {
        var calendar = new FiscalCalendar(startMonth);
        var period = calendar.Parse(name);
        Assert.Equal(next, calendar.Next(period).Name);
        Assert.Equal(previous, calendar.Previous(period).Name);
    }

    [Theory]
    [InlineData("2026-13")]   // no 13th month
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]   // four quarters
    [InlineData("2026-7")]    // months have two digits
    [InlineData("FY2026")]
    [InlineData("26")]
    [InlineData("")]
    public void A_name_that_is_no_period_is_refused_with_the_expected_forms(string name)
    {
        Assert.False(January.TryParse(name, out _));
        var error = Assert.Throws<FormatException>(() => January.Parse(name));
        Assert.Contains("\"2026-07\", a fiscal quarter \"2026-Q3\" or a fiscal year \"2026\"", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void A_fiscal_year_starts_in_a_month_of_the_year(int month) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalCalendar(month));

    [Theory]
    [InlineData("2026-Q3", 4, PeriodUnit.Quarter, "2025-10-01", "2026-10-01")]   // four quarters up to and including Q3
    [InlineData("2026-Q3", 1, PeriodUnit.Year, "2025-10-01", "2026-10-01")]
    [InlineData("2026-07", 3, PeriodUnit.Month, "2026-05-01", "2026-08-01")]
    public void A_trailing_window_ends_at_the_periods_exclusive_end(string name, int count, PeriodUnit unit, string start, string end)
    {
        var window = new TrailingWindow(count, unit).EndingAt(January.Parse(name).End);
        Assert.Equal(new DateWindow(Day(start), Day(end)), window);
    }

    [Fact]
    public void A_trailing_window_reads_as_words()
    {
        Assert.Equal("trailing 4 quarters", new TrailingWindow(4, PeriodUnit.Quarter).ToString());
        Assert.Equal("trailing 1 month", new TrailingWindow(1, PeriodUnit.Month).ToString());
    }

    static readonly Gen<(FiscalCalendar, DateOnly, PeriodUnit)> Days =
        from month in Gen.Choose(1, 12)
        from offset in Gen.Choose(0, 3650)
        from unit in Gen.Elements(Enum.GetValues<PeriodUnit>())
        select (new FiscalCalendar(month), new DateOnly(2020, 1, 1).AddDays(offset), unit);

    [Property(MaxTest = 500)]
    public Property The_period_containing_a_day_holds_it_reads_back_from_its_name_and_meets_its_neighbours() =>
        Prop.ForAll(Days.ToArbitrary(), x =>
        {
            var (calendar, day, unit) = x;
            var period = calendar.Containing(day, unit);
            return period.Window.Contains(day)
                   && calendar.Parse(period.Name) == period
                   && calendar.Next(period).Start == period.End
                   && calendar.Previous(period).End == period.Start
                   && period.Start.Day == 1
                   && period.Start.AddMonths(unit switch { PeriodUnit.Month => 1, PeriodUnit.Quarter => 3, _ => 12 }) == period.End;
        });

    [Property(MaxTest = 200)]
    public Property A_fiscal_year_is_named_by_the_calendar_year_of_its_last_day() =>
        Prop.ForAll(Days.ToArbitrary(), x =>
        {
            var (calendar, day, _) = x;
            var year = calendar.Containing(day, PeriodUnit.Year);
            return year.Name == year.End.AddDays(-1).Year.ToString(CultureInfo.InvariantCulture);
        });

    static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
