using Accrue.Engine.Training;
using static Accrue.Engine.Tests.Training.A;
using Accrue.Engine.Time;

namespace Accrue.Engine.Tests.Training;

public class DateWindowTests
{
    [Theory]
    [InlineData("2026-04-01", "2026-04-01")]   // empty
    [InlineData("2026-04-01", "2026-03-31")]   // backwards
    public void A_window_must_end_after_it_starts(string start, string end)
    {
        var error = Assert.Throws<ArgumentException>(() => new DateWindow(Day(start), Day(end)));
        Assert.StartsWith($"A window must end after it starts; {start} to {end} is empty.", error.Message);
        Assert.Throws<ArgumentException>(() => DateWindow.Of(Day(start), Day(end)));
    }

    [Theory]
    [InlineData("2025-12-31", false)]   // the day before
    [InlineData("2026-01-01", true)]    // the first day
    [InlineData("2026-03-31", true)]    // the last day
    [InlineData("2026-04-01", false)]   // End: half-open
    public void A_window_holds_its_start_day_but_not_its_end_day(string day, bool inside)
    {
        var q1 = Window("2026-01-01", "2026-04-01");
        Assert.Equal(inside, q1.Contains(Day(day)));
        Assert.Equal(Day("2026-03-31"), q1.LastDay);
    }

    [Fact]
    public void A_one_day_window_holds_one_day() =>
        Assert.Equal(Day("2026-01-01"), Window("2026-01-01", "2026-01-02").LastDay);
}
