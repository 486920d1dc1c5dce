using System.Net;
using Accrue.Data;
using Accrue.Data.Tiers;
using Accrue.Engine.Partners;
using Accrue.Engine.Tiers;
using Accrue.Engine.Time;
using Accrue.Web.Features.Tiers;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Tiers;

/// <summary>A tier set by hand: with its reason and lock, which evaluations respect.</summary>
/// <remarks>A class of its own: it evaluates the last quarter, which each database evaluates once.</remarks>
public sealed class TierOverrideTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    static readonly Period LastQuarter = new FiscalCalendar().Previous(new FiscalCalendar().Containing(Today, PeriodUnit.Quarter));

    [Theory, SqliteData, PostgresData]
    public async Task An_override_sets_the_tier_with_its_reason_and_a_locked_partner_gets_no_proposal(Database database)
    {
        var app = await apps.On(database);
        await app.Seed.PublishedProgram(Seed.ThreeTiers(), Today.AddYears(-2));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var partner = await app.Seed.Partner(status: PartnerStatus.Active);

        await (await admin.PostJson($"/api/v1/partners/{partner.Id}/tier-override", new TierOverrideRequest("platinum", "Strategic", null)))
            .ShouldBe(HttpStatusCode.BadRequest);
        var set = await (await admin.PostJson($"/api/v1/partners/{partner.Id}/tier-override",
            new TierOverrideRequest("gold", "Strategic launch partner", Today.AddYears(1)))).Read<TierHistoryItem>();
        Assert.Equal(("Registered", "Gold", TierChangeKind.Override), (set.FromTier, set.ToTier, set.Kind));

        // Nothing won: it would qualify for Registered only, but the lock holds it at Gold without a proposal.
        var run = await TierEvaluationTests.Evaluate(admin, LastQuarter.Name);
        var proposals = await (await admin.GetAsync($"/api/v1/tiers/evaluations/{run.Id}/proposals?search={Uri.EscapeDataString(partner.Name)}"))
            .Read<Paged<ProposalView>>();
        var locked = Assert.Single(proposals.Items);
        Assert.Equal((TierDecisionKind.Locked, ProposalStatus.Applied, "Gold"), (locked.Kind, locked.Status, locked.ProposedTier));
    }
}
