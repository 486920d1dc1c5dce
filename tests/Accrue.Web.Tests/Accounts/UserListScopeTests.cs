using Accrue.Data;
using Accrue.Web.Features.Accounts;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Accounts;

/// <summary>The user list holds exactly the people in the caller's scope (reliability T6).</summary>
public sealed class UserListScopeTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static async Task<Guid[]> Listed(HttpClient client)
    {
        var page = await (await client.GetAsync("/api/v1/users?pageSize=200")).Read<Paged<UserSummary>>();
        Assert.Equal(page.Items.Count, page.Total);
        return page.Items.Select(u => u.Id).Order().ToArray();
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_user_lists_only_the_users_of_its_partner(Database database)
    {
        var app = await apps.On(database);
        var own = await app.Seed.Partner();
        var me = await app.Seed.PartnerUserOf(own);
        var colleague = await app.Seed.PartnerAdminOf(own);
        await app.Seed.PartnerUserOf(await app.Seed.Partner());
        await app.Seed.ProgramAdmin();

        Assert.Equal(new[] { me.Id, colleague.Id }.Order(), await Listed(await app.ClientFor(me)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_manager_lists_itself_and_the_users_of_the_partners_it_manages(Database database)
    {
        var app = await apps.On(database);
        var manager = await app.Seed.PartnerManager();
        var managedUser = await app.Seed.PartnerUserOf(await app.Seed.Partner(manager: manager));
        await app.Seed.PartnerUserOf(await app.Seed.Partner(manager: await app.Seed.PartnerManager()));

        Assert.Equal(new[] { manager.Id, managedUser.Id }.Order(), await Listed(await app.ClientFor(manager)));
    }

    [Theory]
    [SqliteData(AccrueRoles.ProgramAdmin), SqliteData(AccrueRoles.Finance)]
    [PostgresData(AccrueRoles.ProgramAdmin), PostgresData(AccrueRoles.Finance)]
    public async Task Program_admins_and_finance_list_every_user(Database database, string role)
    {
        var app = await apps.On(database);
        await app.Seed.PartnerUserOf(await app.Seed.Partner());
        var client = await app.ClientFor(await app.Seed.User(role));
        await using var db = app.Db();

        Assert.Equal((await db.Users.Select(u => u.Id).ToListAsync()).Order(), await Listed(client));
    }
}
