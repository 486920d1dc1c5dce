namespace Accrue.Engine.Deals;

/// <summary>The days in which an approved registration keeps a customer for its partner: [Start, End).</summary>
/// <remarks>
/// Half-open, as every date range in Accrue: the registration is protected up to and including
/// <see cref="LastProtectedDay"/>, and on <see cref="End"/> itself protection has lapsed and
/// another partner may register the customer. A 90-day window starting 2026-03-02 ends on
/// 2026-05-31 and protects through 2026-05-30.
/// </remarks>
public readonly record struct ProtectionWindow(DateOnly Start, DateOnly End)
{
    public DateOnly Start { get; } = Start;

    public DateOnly End { get; } = End > Start
        ? End
        : throw new ArgumentException($"A protection window must end after it starts; {Start:yyyy-MM-dd} to {End:yyyy-MM-dd} is empty.", nameof(End));

    public static ProtectionWindow Starting(DateOnly start, int days) =>
        days > 0
            ? new(start, start.AddDays(days))
            : throw new ArgumentOutOfRangeException(nameof(days), days, "A protection window lasts at least one day.");

    public DateOnly LastProtectedDay => End.AddDays(-1);

    public bool Covers(DateOnly day) => Start <= day && day < End;

    /// <summary>Protected days from today (or from the start, if it is still ahead) until the end; 0 once lapsed.</summary>
    public int DaysLeft(DateOnly today) => Math.Max(0, End.DayNumber - Math.Max(today.DayNumber, Start.DayNumber));

    /// <summary>The same window with its end moved later, as when a vendor grants an extension.</summary>
    public ProtectionWindow ExtendedBy(int days) =>
        days > 0
            ? new(Start, End.AddDays(days))
            : throw new ArgumentOutOfRangeException(nameof(days), days, "An extension adds at least one day.");
}
