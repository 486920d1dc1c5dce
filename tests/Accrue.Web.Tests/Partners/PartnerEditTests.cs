using System.Net;
using Accrue.Web.Features.Partners;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Partners;

/// <summary>Editing a partner: two people editing at once don't overwrite each other.</summary>
public sealed class PartnerEditTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static object Edit(string name, Guid? revision) => new { name, type = "Reseller", region = "Europe", country = "DE", revision };

    [Theory, SqliteData, PostgresData]
    public async Task An_edit_sent_with_a_stale_revision_answers_409_and_keeps_the_newer_edit(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner("Initech");
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        var first = await (await admin.PutJson($"/api/v1/partners/{partner.Id}", Edit("Initech Europe", partner.Revision))).Read<PartnerDetail>();
        var second = await admin.PutJson($"/api/v1/partners/{partner.Id}", Edit("Initech Global", partner.Revision));

        Assert.NotEqual(partner.Revision, first.Revision);
        var problem = await second.Problem(HttpStatusCode.Conflict);
        Assert.Contains("changed this partner", problem.Detail);
        await using var db = app.Db();
        var stored = await db.Partners.SingleAsync(p => p.Id == partner.Id);
        Assert.Equal(("Initech Europe", first.Revision), (stored.Name, stored.Revision));
    }

    [Fact]
    public async Task An_edit_without_a_revision_answers_400_on_revision()
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner("Initech");
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        var problem = await (await admin.PutJson($"/api/v1/partners/{partner.Id}", Edit("Initech Global", null))).Problem(HttpStatusCode.BadRequest);

        Assert.Contains("revision", problem.Errors!.Keys);
        await using var db = app.Db();
        Assert.Equal("Initech", (await db.Partners.SingleAsync(p => p.Id == partner.Id)).Name);
    }
}
