namespace Accrue.Engine.Training;

/// <summary>Whether a certification period is in force on a day.</summary>
/// <remarks>
/// Half-open, as every date range in Accrue: a period is valid from <see cref="CertificationPeriod.ValidFrom"/>
/// up to and including the day before <see cref="CertificationPeriod.ValidUntil"/>; on ValidUntil itself it
/// has lapsed. A certification earned on 2026-03-14 for 12 months is valid through 2027-03-13.
/// </remarks>
public static class CertificationValidity
{
    public static bool IsValidOn(CertificationPeriod period, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.ValidFrom <= day && day < period.ValidUntil;
    }
}
