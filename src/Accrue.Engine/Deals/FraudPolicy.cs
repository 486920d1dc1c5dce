using System.Numerics;
using System.Runtime.CompilerServices;

namespace Accrue.Engine.Deals;

/// <summary>The thresholds of <see cref="FraudSignals"/>; every count, day and factor must be positive.</summary>
/// <remarks>
/// The defaults flag a week with at least 5 registrations and three times the partner's usual
/// rate over the 12 weeks before it, registrations in the last 3 days before a promotion ends, and
/// an amount over 5 times the median of at least 5 earlier registrations in the same currency.
/// </remarks>
public sealed record FraudPolicy(
    int BurstWindowDays = 7, int BaselineWeeks = 12, decimal BurstFactor = 3m, int BurstMinimum = 5,
    int PromotionEndDays = 3, int OutlierMinimumHistory = 5, decimal OutlierFactor = 5m)
{
    public static readonly FraudPolicy Default = new();

    public int BurstWindowDays { get; init => field = Positive(value); } = Positive(BurstWindowDays);
    public int BaselineWeeks { get; init => field = Positive(value); } = Positive(BaselineWeeks);
    public decimal BurstFactor { get; init => field = Positive(value); } = Positive(BurstFactor);
    public int BurstMinimum { get; init => field = Positive(value); } = Positive(BurstMinimum);
    public int PromotionEndDays { get; init => field = Positive(value); } = Positive(PromotionEndDays);
    public int OutlierMinimumHistory { get; init => field = Positive(value); } = Positive(OutlierMinimumHistory);
    public decimal OutlierFactor { get; init => field = Positive(value); } = Positive(OutlierFactor);

    // Checked in the initialiser for the constructor and in init for `with`, which bypasses the constructor.
    static T Positive<T>(T value, [CallerMemberName] string name = "") where T : INumber<T> =>
        value > T.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
