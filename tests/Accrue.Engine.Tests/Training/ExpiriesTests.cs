using Accrue.Engine.Training;
using static Accrue.Engine.Tests.Training.A;

namespace Accrue.Engine.Tests.Training;

public class ExpiriesTests
{
    [Theory]
    [InlineData("2026-06-01", "2026-06-02", true)]    // lapses tomorrow
    [InlineData("2026-06-01", "2026-07-01", true)]    // lapses in exactly 30 days: included
    [InlineData("2026-06-01", "2026-07-02", false)]   // in 31 days
    [InlineData("2026-06-01", "2026-06-01", false)]   // lapsed today: no longer valid, too late to remind
    [InlineData("2026-06-02", "2026-06-20", false)]   // not valid yet today
    public void A_period_valid_today_that_lapses_within_the_days_is_listed(string from, string until, bool listed) =>
        Assert.Equal(listed, Expiries.EndingWithin([Period(from, until)], Day("2026-06-01"), 30).Count == 1);

    [Fact]
    public void The_soonest_comes_first_and_equal_days_by_person()
    {
        var cho = Period("2025-07-01", "2026-06-20", Cho);
        var ben = Period("2025-07-10", "2026-06-10", Ben);
        var ana = Period("2025-07-20", "2026-06-20", Ana);
        Assert.Equal([ben, ana, cho], Expiries.EndingWithin([cho, ben, ana], Day("2026-06-01"), 30));
    }

    [Fact]
    public void Zero_days_lists_nothing_and_negative_days_are_refused()
    {
        Assert.Empty(Expiries.EndingWithin([Period("2026-01-01", "2026-06-02")], Day("2026-06-01"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Expiries.EndingWithin([], Day("2026-06-01"), -1));
    }
}
