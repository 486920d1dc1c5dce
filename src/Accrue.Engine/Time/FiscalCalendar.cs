using System.Globalization;
using System.Text.RegularExpressions;

namespace Accrue.Engine.Time;

/// <summary>The program's calendar: names and bounds of months, fiscal quarters and fiscal years.</summary>
/// <param name="FiscalYearStartMonth">1 for January (the default) to 12.</param>
/// <remarks>
/// A fiscal year is named by the calendar year in which it ENDS (finance's "FY27"): with a February
/// start, "2027" is [2026-02-01, 2027-02-01) and "2027-Q1" is [2026-02-01, 2026-05-01). With the
/// default January start a fiscal year is the calendar year. Months are calendar months whatever the start.
/// </remarks>
public sealed partial record FiscalCalendar(int FiscalYearStartMonth = 1)
{
    public int FiscalYearStartMonth { get; init; } = FiscalYearStartMonth is >= 1 and <= 12
        ? FiscalYearStartMonth
        : throw new ArgumentOutOfRangeException(nameof(FiscalYearStartMonth), FiscalYearStartMonth, "A fiscal year starts in month 1 to 12.");

    /// <summary>Reads "2026-07", "2026-Q3" or "2026"; throws FormatException with the expected forms otherwise.</summary>
    public Period Parse(string name) =>
        TryParse(name, out var period)
            ? period
            : throw new FormatException($"'{name}' is not a period: expected a month \"2026-07\", a fiscal quarter \"2026-Q3\" or a fiscal year \"2026\".");

    public bool TryParse(string? name, out Period period)
    {
        period = null!;
        var match = name is null ? null : PeriodName().Match(name);
        if (match is not { Success: true }) return false;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2 or > 9998) return false;   // a fiscal year may start in the calendar year before its name
        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) return false;
            period = MonthOf(year, month);
            return true;
        }
        if (match.Groups["quarter"].Success)
        {
            period = QuarterOf(year, match.Groups["quarter"].Value[0] - '0');
            return true;
        }
        period = YearOf(year);
        return true;
    }

    /// <summary>The period of the given unit that contains the day.</summary>
    public Period Containing(DateOnly day, PeriodUnit unit)
    {
        if (unit == PeriodUnit.Month) return MonthOf(day.Year, day.Month);
        var monthsIntoYear = (day.Month - FiscalYearStartMonth + 12) % 12;
        var fiscalYear = FiscalYearEndingIn(day);
        return unit == PeriodUnit.Quarter ? QuarterOf(fiscalYear, monthsIntoYear / 3 + 1) : YearOf(fiscalYear);
    }

    public Period Next(Period period) => Containing(period.End, period.Unit);

    public Period Previous(Period period) => Containing(period.Start.AddDays(-1), period.Unit);

    /// <summary>The name of the fiscal year holding the day: the calendar year of the fiscal year's last day.</summary>
    int FiscalYearEndingIn(DateOnly day) =>
        FiscalYearStartMonth == 1 || day.Month < FiscalYearStartMonth ? day.Year : day.Year + 1;

    /// <summary>The first day of fiscal year <paramref name="year"/>: in the calendar year before, unless it starts in January.</summary>
    DateOnly FiscalYearStart(int year) => new(FiscalYearStartMonth == 1 ? year : year - 1, FiscalYearStartMonth, 1);

    static Period MonthOf(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new Period(PeriodUnit.Month, $"{year:D4}-{month:D2}", start, start.AddMonths(1));
    }

    Period QuarterOf(int year, int quarter)
    {
        var start = FiscalYearStart(year).AddMonths(3 * (quarter - 1));
        return new Period(PeriodUnit.Quarter, $"{year:D4}-Q{quarter}", start, start.AddMonths(3));
    }

    Period YearOf(int year)
    {
        var start = FiscalYearStart(year);
        return new Period(PeriodUnit.Year, $"{year:D4}", start, start.AddMonths(12));
    }

    [GeneratedRegex(@"^(?<year>\d{4})(-(?<month>\d{2})|-Q(?<quarter>[1-4]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodName();
}
