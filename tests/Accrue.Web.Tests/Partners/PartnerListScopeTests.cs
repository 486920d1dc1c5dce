using Accrue.Data.Accounts;
using Accrue.Data.Partners;
using Accrue.Web.Features.Partners;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Partners;

/// <summary>Lists and exports hold exactly the rows in the caller's scope, counted (reliability T6).</summary>
public sealed class PartnerListScopeTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    sealed record Portfolio(AccrueApp App, AccrueUser Manager, Partner[] Managed, Partner Own);

    /// <summary>A manager with two partners, and a partner of another manager; the host may hold more from other tests.</summary>
    async Task<Portfolio> Arrange(Database database)
    {
        var app = await apps.On(database);
        var manager = await app.Seed.PartnerManager();
        var otherManager = await app.Seed.PartnerManager();
        Partner[] managed = [await app.Seed.Partner(manager: manager), await app.Seed.Partner(manager: manager)];
        var own = await app.Seed.Partner(manager: otherManager);
        await app.Seed.Partner();
        return new(app, manager, managed, own);
    }

    static async Task<(Guid[] Ids, int Total)> Listed(HttpClient client)
    {
        var page = await (await client.GetAsync("/api/v1/partners?pageSize=200")).Read<Paged<PartnerSummary>>();
        return (page.Items.Select(p => p.Id).Order().ToArray(), page.Total);
    }

    static async Task<string[]> ExportedExternalIds(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/partners/export");
        await response.ShouldBe(System.Net.HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("external_id,", lines[0].TrimStart('\uFEFF'));
        return lines.Skip(1).Select(l => l.Split(',')[0]).Order().ToArray();
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_user_lists_and_exports_only_its_own_partner(Database database)
    {
        var (app, _, _, own) = await Arrange(database);
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(own));

        var (ids, total) = await Listed(client);
        Assert.Equal([own.Id], ids);
        Assert.Equal(1, total);
        Assert.Equal([own.ExternalId!], await ExportedExternalIds(client));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_manager_lists_and_exports_only_the_partners_it_manages(Database database)
    {
        var (app, manager, managed, _) = await Arrange(database);
        var client = await app.ClientFor(manager);

        var (ids, total) = await Listed(client);
        Assert.Equal(managed.Select(p => p.Id).Order(), ids);
        Assert.Equal(2, total);
        Assert.Equal(managed.Select(p => p.ExternalId!).Order().ToArray(), await ExportedExternalIds(client));
    }

    [Theory]
    [SqliteData(Accrue.Data.AccrueRoles.ProgramAdmin), SqliteData(Accrue.Data.AccrueRoles.Finance)]
    [PostgresData(Accrue.Data.AccrueRoles.ProgramAdmin), PostgresData(Accrue.Data.AccrueRoles.Finance)]
    public async Task Program_admins_and_finance_list_and_export_every_partner(Database database, string role)
    {
        var (app, _, _, _) = await Arrange(database);
        var client = await app.ClientFor(await app.Seed.User(role));
        await using var db = app.Db();
        var all = (await db.Partners.Select(p => p.Id).ToListAsync()).Order().ToArray();

        var (ids, total) = await Listed(client);
        Assert.Equal(all, ids);
        Assert.Equal(all.Length, total);
        Assert.Equal(all.Length, (await ExportedExternalIds(client)).Length);
    }
}
