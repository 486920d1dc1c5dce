using Accrue.Engine.Training;
using static Accrue.Engine.Tests.Training.A;

namespace Accrue.Engine.Tests.Training;

public class CertificationValidityTests
{
    [Theory]
    [InlineData("2026-03-13", false)]   // the day before it was earned
    [InlineData("2026-03-14", true)]    // the day it was earned
    [InlineData("2027-03-13", true)]    // the last valid day
    [InlineData("2027-03-14", false)]   // ValidUntil: half-open, it has lapsed
    [InlineData("2027-06-01", false)]
    public void A_period_is_valid_from_its_first_day_until_the_day_before_it_ends(string day, bool valid) =>
        Assert.Equal(valid, CertificationValidity.IsValidOn(Period("2026-03-14", "2027-03-14"), Day(day)));
}
