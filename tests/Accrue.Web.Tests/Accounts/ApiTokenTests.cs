using System.Net;
using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Web.Features.Accounts;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Accounts;

/// <summary>Personal API tokens: created, listed and revoked by their own user; a revoked or expired token opens nothing.</summary>
public sealed class ApiTokenTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static async Task<CreatedApiToken> CreateToken(HttpClient client, string name) =>
        await (await client.PostJson("/api/v1/tokens", new { name, expiresInDays = 30 })).Read<CreatedApiToken>(HttpStatusCode.Created);

    [Fact]
    public async Task A_revoked_token_gets_401()
    {
        var app = await apps.On(Database.Sqlite);
        var client = await app.ClientFor(await app.Seed.PartnerManager());
        var created = await CreateToken(client, "CRM sync");
        var crm = app.WithToken(created.Secret);
        await (await crm.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);

        await (await client.DeleteAsync($"/api/v1/tokens/{created.Token.Id}")).ShouldBe(HttpStatusCode.NoContent);

        await (await crm.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await using var db = app.Db();
        Assert.NotNull((await db.ApiTokens.SingleAsync(t => t.Id == created.Token.Id)).RevokedAt);
    }

    // The app remembers a token's user for a minute; a change to the user must not wait for that.
    [Fact]
    public async Task A_token_of_a_user_locked_out_after_using_it_gets_401()
    {
        var app = await apps.On(Database.Sqlite);
        var user = await app.Seed.PartnerManager();
        var client = await app.ClientFor(user);
        await (await client.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AccrueUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            Assert.True((await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.UtcNow.AddMinutes(5))).Succeeded);
        }

        await (await client.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_of_a_user_whose_role_was_taken_away_after_using_it_loses_the_role()
    {
        var app = await apps.On(Database.Sqlite);
        var user = await app.Seed.PartnerManager();
        var client = await app.ClientFor(user);
        Assert.Contains(AccrueRoles.PartnerManager, (await (await client.GetAsync("/api/v1/me")).Read<Me>()).Roles);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AccrueUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            Assert.True((await users.RemoveFromRoleAsync(stored!, AccrueRoles.PartnerManager)).Succeeded);
        }

        Assert.DoesNotContain(AccrueRoles.PartnerManager, (await (await client.GetAsync("/api/v1/me")).Read<Me>()).Roles);
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var app = await apps.On(Database.Sqlite);
        var user = await app.Seed.PartnerManager();
        var secret = ApiTokenSecret.New();
        await using (var db = app.Db())
        {
            db.ApiTokens.Add(new ApiToken
            {
                UserId = user.Id, Name = "old", Prefix = secret[..10], SecretHash = ApiTokenSecret.Hash(secret),
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-40), ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            });
            await db.SaveChangesAsync();
        }

        await (await app.WithToken(secret).GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_user_lists_only_its_own_tokens()
    {
        var app = await apps.On(Database.Sqlite);
        var me = await app.Seed.ProgramAdmin();
        var client = await app.ClientFor(me);
        var someoneElse = await app.ClientFor(await app.Seed.PartnerManager());
        await CreateToken(client, "mine");
        await CreateToken(someoneElse, "theirs");

        var listed = await (await client.GetAsync("/api/v1/tokens")).Read<List<ApiTokenSummary>>();

        await using var db = app.Db();
        var mine = (await db.ApiTokens.Where(t => t.UserId == me.Id).Select(t => t.Id).ToListAsync()).Order();
        Assert.Equal(mine, listed.Select(t => t.Id).Order());
        Assert.Equal(2, listed.Count);
    }

    [Theory]
    [InlineData(AccrueRoles.PartnerUser)]
    [InlineData(AccrueRoles.PartnerManager)]
    // Finance sees every partner, which once let it revoke anyone's token too.
    [InlineData(AccrueRoles.Finance)]
    public async Task Only_a_program_admin_revokes_someone_elses_token(string role)
    {
        var app = await apps.On(Database.Sqlite);
        var owner = await app.ClientFor(await app.Seed.PartnerManager());
        var created = await CreateToken(owner, "CRM sync");
        var partner = role == AccrueRoles.PartnerUser ? await app.Seed.Partner() : null;
        var someoneElse = await app.ClientFor(await app.Seed.User(role, partner));

        await (await someoneElse.DeleteAsync($"/api/v1/tokens/{created.Token.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.WithToken(created.Secret).GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);

        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        await (await admin.DeleteAsync($"/api/v1/tokens/{created.Token.Id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await app.WithToken(created.Secret).GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
