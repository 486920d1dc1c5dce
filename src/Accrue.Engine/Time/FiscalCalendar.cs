namespace Accrue.Engine.Time;

/// <summary>The program's calendar: names and bounds of months, fiscal quarters and fiscal years.</summary>
/// <param name="FiscalYearStartMonth">1 for January (the default) to 12.</param>
public sealed record FiscalCalendar(int FiscalYearStartMonth = 1)
{
    /// <summary>Reads "2026-07", "2026-Q3" or "2026"; throws FormatException with the expected forms otherwise.</summary>
    public Period Parse(string name) => throw new NotImplementedException();

    public bool TryParse(string? name, out Period period) => throw new NotImplementedException();

    /// <summary>The period of the given unit that contains the day.</summary>
    public Period Containing(DateOnly day, PeriodUnit unit) => throw new NotImplementedException();

    public Period Next(Period period) => throw new NotImplementedException();

    public Period Previous(Period period) => throw new NotImplementedException();
}
