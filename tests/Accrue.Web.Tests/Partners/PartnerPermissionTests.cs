using System.Net;
using Accrue.Engine.Partners;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Partners;

/// <summary>Who may change partners at all, whatever they can see.</summary>
public sealed class PartnerPermissionTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Fact]
    public async Task A_partner_user_cannot_create_edit_or_move_partners()
    {
        var app = await apps.On(Database.Sqlite);
        var own = await app.Seed.Partner("Initech", status: PartnerStatus.Onboarding);
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(own));
        var body = new { name = "Renamed", type = "Reseller", region = "Europe", country = "DE", revision = own.Revision };

        await (await client.PostJson("/api/v1/partners", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await client.PutJson($"/api/v1/partners/{own.Id}", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await client.PostJson($"/api/v1/partners/{own.Id}/status", new { status = "Active" })).ShouldBe(HttpStatusCode.Forbidden);

        await using var db = app.Db();
        var stored = await db.Partners.SingleAsync(p => p.Id == own.Id);
        Assert.Equal(("Initech", PartnerStatus.Onboarding, own.Revision), (stored.Name, stored.Status, stored.Revision));
        Assert.Equal(1, await db.Partners.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Theory]
    [InlineData("GET", "/api/v1/partners")]
    [InlineData("GET", "/api/v1/partners/export")]
    [InlineData("GET", "/api/v1/users")]
    [InlineData("GET", "/api/v1/tokens")]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("GET", "/api/v1/audit")]
    [InlineData("POST", "/api/v1/partners")]
    [InlineData("POST", "/api/v1/partners/import")]
    public async Task Anonymous_callers_get_401_from_the_api(string method, string url)
    {
        var app = await apps.On(Database.Sqlite);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        // Import accepts text/csv only; any other type is refused (415) before authentication is asked.
        if (method == "POST") request.Content = url.EndsWith("/import")
            ? new StringContent("external_id,name\n", System.Text.Encoding.UTF8, "text/csv")
            : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        await (await app.Anonymous().SendAsync(request)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_bearer_token_gets_401()
    {
        var app = await apps.On(Database.Sqlite);
        await (await app.WithToken("acr_not-a-real-token").GetAsync("/api/v1/partners")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
