namespace Accrue.Engine.Time;

/// <summary>A window of days [Start, End), as every window in Accrue.</summary>
/// <remarks>
/// A window holds at least one day, so it has a last day (<see cref="LastDay"/>, the day on which
/// certified_people is counted); the constructor refuses an empty or backward one.
/// <c>default(DateWindow)</c> and <c>with</c> bypass the check, as they do for every record struct.
/// </remarks>
public readonly record struct DateWindow(DateOnly Start, DateOnly End)
{
    public DateOnly Start { get; init; } = Start;

    public DateOnly End { get; init; } = End > Start
        ? End
        : throw new ArgumentException($"A window must end after it starts; {Start:yyyy-MM-dd} to {End:yyyy-MM-dd} is empty.", nameof(End));

    /// <summary>The same as the constructor, for callers who prefer a named factory.</summary>
    public static DateWindow Of(DateOnly start, DateOnly end) => new(start, end);

    /// <summary>The window's last day: the day before <see cref="End"/>.</summary>
    public DateOnly LastDay => End.AddDays(-1);

    public bool Contains(DateOnly day) => Start <= day && day < End;
}
