using Accrue.Engine.Deals;
using static Accrue.Engine.Deals.DealStatus;

namespace Accrue.Engine.Tests.Deals;

public class DealLifecycleTests
{
    [Theory]
    [InlineData(Draft, Submitted)]
    [InlineData(Submitted, Approved)]
    [InlineData(Submitted, Rejected)]
    [InlineData(Submitted, Returned)]       // back to the partner to fix
    [InlineData(Returned, Submitted)]       // and in again
    [InlineData(Approved, Qualified)]
    [InlineData(Approved, Negotiation)]     // stages may be skipped
    [InlineData(Approved, Won)]
    [InlineData(Approved, Expired)]
    [InlineData(Qualified, Proposal)]
    [InlineData(Qualified, Lost)]
    [InlineData(Proposal, Negotiation)]
    [InlineData(Proposal, Expired)]
    [InlineData(Negotiation, Won)]
    [InlineData(Negotiation, Lost)]
    public void A_deal_may_make_these_moves(DealStatus from, DealStatus to) =>
        Assert.True(DealLifecycle.Check(from, to).IsAllowed);

    [Theory]
    [InlineData(Draft, Won, "A deal cannot be won from Draft; from Draft it can go to Submitted.")]
    [InlineData(Draft, Approved, "A deal cannot be approved from Draft; from Draft it can go to Submitted.")]
    [InlineData(Submitted, Qualified, "A deal cannot be qualified from Submitted; from Submitted it can go to Approved, Rejected or Returned.")]
    [InlineData(Submitted, Expired, "A deal cannot expire from Submitted; from Submitted it can go to Approved, Rejected or Returned.")]   // only approved deals have protection to run out
    [InlineData(Returned, Approved, "A deal cannot be approved from Returned; from Returned it can go to Submitted.")]
    [InlineData(Approved, Draft, "A deal cannot go back to Draft from Approved; from Approved it can go to Qualified, Proposal, Negotiation, Won, Lost or Expired.")]
    [InlineData(Proposal, Qualified, "A deal cannot be qualified from Proposal; from Proposal it can go to Negotiation, Won, Lost or Expired.")]   // never back a stage
    [InlineData(Negotiation, Proposal, "A deal cannot move to Proposal from Negotiation; from Negotiation it can go to Won, Lost or Expired.")]
    [InlineData(Negotiation, Rejected, "A deal cannot be rejected from Negotiation; from Negotiation it can go to Won, Lost or Expired.")]
    [InlineData(Won, Lost, "A deal that is Won is final and cannot be lost.")]
    [InlineData(Lost, Negotiation, "A deal that is Lost is final and cannot move to Negotiation; register the opportunity again as a new deal.")]
    [InlineData(Rejected, Submitted, "A deal that is Rejected is final and cannot be submitted; register the opportunity again as a new deal.")]
    [InlineData(Expired, Approved, "A deal that is Expired is final and cannot be approved; register the opportunity again as a new deal.")]
    [InlineData(Approved, Approved, "The deal is already Approved.")]
    public void Other_moves_are_refused_with_the_reason(DealStatus from, DealStatus to, string reason)
    {
        var transition = DealLifecycle.Check(from, to);
        Assert.False(transition.IsAllowed);
        Assert.Equal(reason, transition.Refusal);
    }

    [Fact]
    public void Check_agrees_with_next_statuses_for_every_pair()
    {
        foreach (var from in Enum.GetValues<DealStatus>())
            foreach (var to in Enum.GetValues<DealStatus>())
                Assert.Equal(DealLifecycle.NextStatuses(from).Contains(to), DealLifecycle.Check(from, to).IsAllowed);
    }

    [Fact]
    public void Claiming_statuses_are_submitted_and_the_open_stages_after_approval() =>
        Assert.Equal([Submitted, Approved, Qualified, Proposal, Negotiation], Enum.GetValues<DealStatus>().Where(DealLifecycle.IsClaiming));

    [Fact]
    public void Closed_statuses_are_exactly_the_final_ones()
    {
        Assert.Equal([Rejected, Won, Lost, Expired], Enum.GetValues<DealStatus>().Where(DealLifecycle.IsClosed));
        Assert.Equal(Enum.GetValues<DealStatus>().Where(DealLifecycle.IsClosed),
                     Enum.GetValues<DealStatus>().Where(s => DealLifecycle.NextStatuses(s).Count == 0));
    }

    [Fact]
    public void Every_status_is_reachable_from_draft()
    {
        var reached = new HashSet<DealStatus> { Draft };
        var frontier = new Queue<DealStatus>([Draft]);
        while (frontier.TryDequeue(out var status))
            foreach (var next in DealLifecycle.NextStatuses(status).Where(reached.Add))
                frontier.Enqueue(next);
        Assert.Equal(Enum.GetValues<DealStatus>().ToHashSet(), reached);
    }
}
