using System.Net;
using Accrue.Data;
using Accrue.Engine.Program;
using Accrue.Web.Features.Program;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.ProgramVersions;

/// <summary>Partners are told of a published change before it takes effect; until then the version in force stays.</summary>
/// <remarks>A class of its own: it starts from a database with no program at all.</remarks>
public sealed class UpcomingProgramChangeTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory, SqliteData, PostgresData]
    public async Task A_version_published_for_later_shows_as_an_upcoming_change_in_the_portal_and_the_version_in_force_stays(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var partner = await app.Seed.Partner(status: Engine.Partners.PartnerStatus.Active);
        var portal = await app.ClientFor(await app.Seed.PartnerUserOf(partner));

        // The first version has nothing to give notice against: it takes effect today.
        await (await admin.PutJson("/api/v1/program/draft", new DraftRequest(ProgramFile.Write(Seed.ThreeTiers()), "First", null))).ShouldBe(HttpStatusCode.OK);
        var first = await (await admin.PostJson("/api/v1/program/draft/publication", new PublishRequest(Today))).Read<VersionDetail>();
        Assert.Equal(VersionState.InForce, first.Version.State);

        var raised = Seed.ThreeTiers() with
        {
            Tiers = [.. Seed.ThreeTiers().Tiers.Take(2), Seed.ThreeTiers().Tiers[2] with { Name = "Gold Elite" }],
        };
        await (await admin.PutJson("/api/v1/program/draft", new DraftRequest(ProgramFile.Write(raised), "Gold becomes Gold Elite", null))).ShouldBe(HttpStatusCode.OK);
        var tooSoon = await (await admin.PostJson("/api/v1/program/draft/publication", new PublishRequest(Today.AddDays(10)))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains($"earliest effective date is {Today.AddDays(30):yyyy-MM-dd}", tooSoon.Errors!["effectiveOn"][0]);
        var second = await (await admin.PostJson("/api/v1/program/draft/publication", new PublishRequest(Today.AddDays(30)))).Read<VersionDetail>();
        Assert.Equal(VersionState.Upcoming, second.Version.State);

        var seen = await (await portal.GetAsync("/api/v1/program")).Read<ProgramOverview>();
        Assert.Equal(first.Version.Number, seen.Current!.Version.Number);
        var upcoming = Assert.Single(seen.Upcoming);
        Assert.Equal((second.Version.Number, Today.AddDays(30), "Gold becomes Gold Elite"), (upcoming.Version.Number, upcoming.Version.EffectiveOn!.Value, upcoming.Version.Summary));
        Assert.Equal("Gold Elite", upcoming.Definition!.Tiers[2].Name);

        // The portal's scorecard tells the partner too.
        var card = await (await portal.GetAsync($"/api/v1/partners/{partner.Id}/scorecard")).Read<Features.Tiers.Scorecard>();
        Assert.Equal(Today.AddDays(30), Assert.Single(card.Upcoming).EffectiveOn);

        // Partners read the published program, not the staff's drafts or the version list.
        await (await portal.GetAsync("/api/v1/program/draft")).ShouldBe(HttpStatusCode.Forbidden);
        await (await portal.GetAsync("/api/v1/program/versions")).ShouldBe(HttpStatusCode.Forbidden);
        await (await portal.PutJson("/api/v1/program/draft", new DraftRequest(ProgramFile.Write(raised), null, null))).ShouldBe(HttpStatusCode.Forbidden);

        await using var db = app.Db();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "ProgramPublished"));
    }
}
