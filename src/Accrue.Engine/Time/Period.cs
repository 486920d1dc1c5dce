namespace Accrue.Engine.Time;

public enum PeriodUnit { Month, Quarter, Year }

/// <summary>A named period of the program's calendar: month "2026-07", fiscal quarter "2026-Q3", fiscal year "2026".</summary>
/// <remarks>
/// A fiscal year is named by the calendar year in which it ends; its quarters carry its name. The
/// period covers [Start, End); an evaluation or calculation for it happens as of <see cref="End"/>.
/// Built by <see cref="FiscalCalendar"/>, which knows the fiscal year's first month.
/// </remarks>
public sealed record Period(PeriodUnit Unit, string Name, DateOnly Start, DateOnly End)
{
    public DateWindow Window => new(Start, End);
    public override string ToString() => Name;
}

/// <summary>"Trailing n units" of a criterion: for a period ending at E, the window [E − n units, E).</summary>
public readonly record struct TrailingWindow(int Count, PeriodUnit Unit)
{
    public int Months => Unit switch { PeriodUnit.Month => Count, PeriodUnit.Quarter => 3 * Count, _ => 12 * Count };

    public DateWindow EndingAt(DateOnly end) => new(end.AddMonths(-Months), end);

    /// <summary>"trailing 4 quarters", "trailing 1 month".</summary>
    public override string ToString() =>
        $"trailing {Count} {Unit.ToString().ToLowerInvariant()}{(Count == 1 ? "" : "s")}";
}
