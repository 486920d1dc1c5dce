namespace Accrue.Engine.Deals;

/// <summary>
/// The weighted pipeline: how much of an open registration's estimated amount a forecast counts, by
/// its stage. Only approved registrations are pipeline (a draft or a submission is not protected yet);
/// won, lost and closed ones are not pipeline at all.
/// </summary>
/// <remarks>
/// Fixed, conventional weights (docs/program-semantics.md, Forecast): the program has no stage history
/// long enough to learn them from yet. The analytics issue may replace them with observed win rates.
/// </remarks>
public static class PipelineWeights
{
    public static decimal Of(DealStatus status) => status switch
    {
        DealStatus.Approved => 0.10m,
        DealStatus.Qualified => 0.25m,
        DealStatus.Proposal => 0.50m,
        DealStatus.Negotiation => 0.75m,
        _ => 0m,
    };

    public static bool IsPipeline(DealStatus status) => Of(status) > 0;

    /// <summary>The weighted amount in minor units, rounded once, half away from zero.</summary>
    public static long Weigh(long amountMinor, DealStatus status) =>
        (long)Math.Round(amountMinor * Of(status), MidpointRounding.AwayFromZero);
}
