namespace Accrue.Engine.Training;

/// <summary>Certifications about to lapse, for reminders.</summary>
/// <remarks>
/// A period ends within n days of today when it is valid today and its ValidUntil (the day it lapses)
/// falls in (today, today + n]: with n = 30, one lapsing tomorrow and one lapsing in 30 days are both
/// listed, one that lapsed today is not (it is no longer valid). Soonest first; equal days by person,
/// then certification, so reminders come out in the same order every run.
/// </remarks>
public static class Expiries
{
    public static IReadOnlyList<CertificationPeriod> EndingWithin(IEnumerable<CertificationPeriod> periods, DateOnly today, int days)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var last = today.AddDays(days);
        return [.. periods
            .Where(p => CertificationValidity.IsValidOn(p, today) && p.ValidUntil <= last)
            .OrderBy(p => p.ValidUntil).ThenBy(p => p.PersonId).ThenBy(p => p.CertificationId)];
    }
}
