using System.Net;
using Accrue.Data;
using Accrue.Data.Partners;
using Accrue.Web.Features.Accounts;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Accounts;

/// <summary>Partner admins invite colleagues into their own partner; the invitee sets a password through the link.</summary>
public sealed class InvitationTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static int invitee;

    static object Invite(string role, Guid? partnerId) =>
        new { email = $"invitee{Interlocked.Increment(ref invitee)}@partner.example", displayName = "Ivy Invitee", role, partnerId };

    static async Task<int> Users(AccrueApp app)
    {
        await using var db = app.Db();
        return await db.Users.CountAsync();
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_admin_invites_a_colleague_into_its_own_partner(Database database)
    {
        var app = await apps.On(database);
        var own = await app.Seed.Partner();
        var client = await app.ClientFor(await app.Seed.PartnerAdminOf(own));

        var invitation = await (await client.PostJson("/api/v1/users/invitations", Invite(AccrueRoles.PartnerUser, own.Id)))
            .Read<Invitation>(HttpStatusCode.Created);

        Assert.Contains("/account/accept-invitation?", invitation.AcceptUrl);
        await using var db = app.Db();
        var user = await db.Users.SingleAsync(u => u.Id == invitation.UserId);
        Assert.Equal((own.Id, null), (user.PartnerId, user.AcceptedAt));
        Assert.Equal([AccrueRoles.PartnerUser], await db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync());
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "UserInvited" && e.EntityId == user.Id.ToString()));
    }

    [Fact]
    public async Task A_partner_admin_who_names_no_partner_invites_into_its_own()
    {
        var app = await apps.On(Database.Sqlite);
        var own = await app.Seed.Partner();
        var client = await app.ClientFor(await app.Seed.PartnerAdminOf(own));

        var invitation = await (await client.PostJson("/api/v1/users/invitations", Invite(AccrueRoles.PartnerUser, null)))
            .Read<Invitation>(HttpStatusCode.Created);

        await using var db = app.Db();
        Assert.Equal(own.Id, (await db.Users.SingleAsync(u => u.Id == invitation.UserId)).PartnerId);
    }

    [Fact]
    public async Task A_partner_admin_gets_404_inviting_into_another_partner()
    {
        var app = await apps.On(Database.Sqlite);
        var client = await app.ClientFor(await app.Seed.PartnerAdminOf(await app.Seed.Partner()));
        var other = await app.Seed.Partner();
        var before = await Users(app);

        await (await client.PostJson("/api/v1/users/invitations", Invite(AccrueRoles.PartnerUser, other.Id))).ShouldBe(HttpStatusCode.NotFound);

        Assert.Equal(before, await Users(app));
    }

    [Theory]
    [InlineData(AccrueRoles.ProgramAdmin)]
    [InlineData(AccrueRoles.PartnerManager)]
    [InlineData(AccrueRoles.Finance)]
    public async Task A_partner_admin_cannot_invite_vendor_staff(string role)
    {
        var app = await apps.On(Database.Sqlite);
        var client = await app.ClientFor(await app.Seed.PartnerAdminOf(await app.Seed.Partner()));
        var before = await Users(app);

        await (await client.PostJson("/api/v1/users/invitations", Invite(role, null))).ShouldBe(HttpStatusCode.Forbidden);

        Assert.Equal(before, await Users(app));
    }

    [Fact]
    public async Task A_partner_user_cannot_invite_anyone()
    {
        var app = await apps.On(Database.Sqlite);
        var own = await app.Seed.Partner();
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(own));
        var before = await Users(app);

        await (await client.PostJson("/api/v1/users/invitations", Invite(AccrueRoles.PartnerUser, own.Id))).ShouldBe(HttpStatusCode.Forbidden);

        Assert.Equal(before, await Users(app));
    }

    [Fact]
    public async Task Accepting_with_a_short_password_answers_on_password_and_the_link_still_works_after()
    {
        var app = await apps.On(Database.Sqlite);
        var (email, token) = await Invited(app, await app.Seed.Partner());

        var refused = await Assert.ThrowsAsync<InvalidRequest>(() => Accept(app, email, token, "short"));
        Assert.Equal(["password"], refused.Errors.Keys);

        await Accept(app, email, token, "a long and uncommon passphrase");
        await using var db = app.Db();
        Assert.NotNull((await db.Users.SingleAsync(u => u.Email == email)).AcceptedAt);
        // The link is single-use: once a password is chosen it opens nothing.
        var reused = await Assert.ThrowsAsync<InvalidRequest>(() => Accept(app, email, token, "another long passphrase"));
        Assert.Equal(["token"], reused.Errors.Keys);
    }

    async Task<(string Email, string Token)> Invited(AccrueApp app, Partner partner)
    {
        var client = await app.ClientFor(await app.Seed.PartnerAdminOf(partner));
        var invitation = await (await client.PostJson("/api/v1/users/invitations", Invite(AccrueRoles.PartnerUser, partner.Id)))
            .Read<Invitation>(HttpStatusCode.Created);
        var query = QueryHelpers.ParseQuery(new Uri(invitation.AcceptUrl).Query);
        Assert.Equal(invitation.Email, query["email"].ToString());
        return (invitation.Email, query["token"].ToString());
    }

    /// <summary>The accept page's service, called as the page calls it: nobody is signed in yet.</summary>
    static async Task Accept(AccrueApp app, string email, string token, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserDirectory>()
            .AcceptInvitationAsync(new AcceptInvitationRequest(email, token, password), CancellationToken.None);
    }
}
