using Accrue.Engine.Deals;
using static Accrue.Engine.Tests.Deals.A;

namespace Accrue.Engine.Tests.Deals;

public class ProtectionWindowTests
{
    static readonly ProtectionWindow NinetyDays = ProtectionWindow.Starting(Day("2026-03-02"), 90);

    [Fact]
    public void Ninety_days_from_March_2_end_on_May_31_and_protect_through_May_30()
    {
        Assert.Equal(Day("2026-05-31"), NinetyDays.End);
        Assert.Equal(Day("2026-05-30"), NinetyDays.LastProtectedDay);
    }

    [Theory]
    [InlineData("2026-03-01", false)]   // the day before it starts
    [InlineData("2026-03-02", true)]    // the first day
    [InlineData("2026-05-30", true)]    // the last protected day
    [InlineData("2026-05-31", false)]   // the end day: half-open, protection has lapsed
    [InlineData("2026-06-01", false)]
    public void A_window_covers_its_start_day_but_not_its_end_day(string day, bool covered) =>
        Assert.Equal(covered, NinetyDays.Covers(Day(day)));

    [Theory]
    [InlineData("2026-02-01", 90)]      // not started yet: the whole window is ahead
    [InlineData("2026-03-02", 90)]
    [InlineData("2026-05-30", 1)]       // the last protected day counts itself
    [InlineData("2026-05-31", 0)]       // lapsed
    [InlineData("2026-12-31", 0)]       // never negative
    public void Days_left_count_the_protected_days_from_today(string today, int left) =>
        Assert.Equal(left, NinetyDays.DaysLeft(Day(today)));

    [Fact]
    public void An_extension_moves_only_the_end() =>
        Assert.Equal(new ProtectionWindow(Day("2026-03-02"), Day("2026-06-30")), NinetyDays.ExtendedBy(30));

    [Theory]
    [InlineData("2026-03-02", "2026-03-02")]   // empty
    [InlineData("2026-03-02", "2026-03-01")]   // backwards
    public void A_window_must_end_after_it_starts(string start, string end)
    {
        var error = Assert.Throws<ArgumentException>(() => new ProtectionWindow(Day(start), Day(end)));
        Assert.StartsWith($"A protection window must end after it starts; {start} to {end} is empty.", error.Message);
    }

    [Fact]
    public void A_one_day_window_protects_its_start_day_only()
    {
        var window = ProtectionWindow.Starting(Day("2026-03-02"), 1);
        Assert.True(window.Covers(Day("2026-03-02")));
        Assert.False(window.Covers(Day("2026-03-03")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Windows_and_extensions_last_at_least_a_day(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtectionWindow.Starting(Day("2026-03-02"), days));
        Assert.Throws<ArgumentOutOfRangeException>(() => NinetyDays.ExtendedBy(days));
    }
}
