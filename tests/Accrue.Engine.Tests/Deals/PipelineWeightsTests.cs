using Accrue.Engine.Deals;

namespace Accrue.Engine.Tests.Deals;

public sealed class PipelineWeightsTests
{
    [Theory]
    [InlineData(DealStatus.Draft, 1_000_00, 0)]
    [InlineData(DealStatus.Submitted, 1_000_00, 0)]
    [InlineData(DealStatus.Returned, 1_000_00, 0)]
    [InlineData(DealStatus.Approved, 1_000_00, 100_00)]
    [InlineData(DealStatus.Qualified, 1_000_00, 250_00)]
    [InlineData(DealStatus.Proposal, 1_000_00, 500_00)]
    [InlineData(DealStatus.Negotiation, 1_000_00, 750_00)]
    [InlineData(DealStatus.Won, 1_000_00, 0)]        // closed: an actual, not pipeline
    [InlineData(DealStatus.Lost, 1_000_00, 0)]
    [InlineData(DealStatus.Rejected, 1_000_00, 0)]
    [InlineData(DealStatus.Expired, 1_000_00, 0)]
    [InlineData(DealStatus.Qualified, 2, 1)]         // 0.5 minor units: half away from zero
    [InlineData(DealStatus.Approved, 5, 1)]          // 0.5 again
    [InlineData(DealStatus.Approved, 4, 0)]          // 0.4
    [InlineData(DealStatus.Negotiation, 3, 2)]       // 2.25
    public void An_open_registration_counts_its_stage_share_of_the_estimate_rounded_once(DealStatus status, long estimateMinor, long weightedMinor)
    {
        Assert.Equal(weightedMinor, PipelineWeights.Weigh(estimateMinor, status));
    }

    [Fact]
    public void The_pipeline_is_the_approved_registrations_not_yet_closed()
    {
        Assert.Equal([DealStatus.Approved, DealStatus.Qualified, DealStatus.Proposal, DealStatus.Negotiation],
            Enum.GetValues<DealStatus>().Where(PipelineWeights.IsPipeline));
    }
}
