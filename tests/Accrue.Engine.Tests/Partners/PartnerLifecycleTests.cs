using Accrue.Engine.Partners;
using static Accrue.Engine.Partners.PartnerStatus;

namespace Accrue.Engine.Tests.Partners;

public class PartnerLifecycleTests
{
    [Theory]
    [InlineData(Prospect, Onboarding)]
    [InlineData(Prospect, Exited)]          // a prospect that never signs
    [InlineData(Onboarding, Active)]
    [InlineData(Onboarding, Exited)]
    [InlineData(Active, Suspended)]
    [InlineData(Active, Exited)]
    [InlineData(Suspended, Active)]         // reinstated
    [InlineData(Suspended, Exited)]
    public void A_partner_may_make_these_moves(PartnerStatus from, PartnerStatus to) =>
        Assert.True(PartnerLifecycle.Check(from, to, "a reason").IsAllowed);

    [Theory]
    [InlineData(Prospect, Active, "A partner cannot go from Prospect to Active; from Prospect it can go to Onboarding or Exited.")]
    [InlineData(Prospect, Suspended, "A partner cannot go from Prospect to Suspended; from Prospect it can go to Onboarding or Exited.")]
    [InlineData(Onboarding, Prospect, "A partner cannot go from Onboarding to Prospect; from Onboarding it can go to Active or Exited.")]
    [InlineData(Active, Onboarding, "A partner cannot go from Active to Onboarding; from Active it can go to Suspended or Exited.")]
    [InlineData(Exited, Active, "An exited partner cannot change status; onboard it again as a new partner.")]
    [InlineData(Exited, Prospect, "An exited partner cannot change status; onboard it again as a new partner.")]
    [InlineData(Active, Active, "The partner is already Active.")]
    public void Other_moves_are_refused_with_the_reason(PartnerStatus from, PartnerStatus to, string reason)
    {
        var change = PartnerLifecycle.Check(from, to, "a reason");
        Assert.False(change.IsAllowed);
        Assert.Equal(reason, change.Refusal);
    }

    [Theory]
    [InlineData(Suspended, null)]
    [InlineData(Suspended, "   ")]
    [InlineData(Exited, "")]
    public void Suspending_or_exiting_needs_a_reason(PartnerStatus to, string? reason)
    {
        var change = PartnerLifecycle.Check(Active, to, reason);
        Assert.False(change.IsAllowed);
        Assert.Equal($"Moving a partner to {to} needs a reason.", change.Refusal);
    }

    [Fact]
    public void Activating_needs_no_reason() => Assert.True(PartnerLifecycle.Check(Onboarding, Active, null).IsAllowed);

    [Fact]
    public void Every_status_is_reachable_from_prospect_and_exited_is_the_only_end()
    {
        var reached = new HashSet<PartnerStatus> { Prospect };
        var frontier = new Queue<PartnerStatus>([Prospect]);
        while (frontier.TryDequeue(out var status))
            foreach (var next in PartnerLifecycle.NextStatuses(status).Where(reached.Add))
                frontier.Enqueue(next);

        Assert.Equal(Enum.GetValues<PartnerStatus>().ToHashSet(), reached);
        Assert.Equal([Exited], Enum.GetValues<PartnerStatus>().Where(s => PartnerLifecycle.NextStatuses(s).Count == 0));
    }
}
