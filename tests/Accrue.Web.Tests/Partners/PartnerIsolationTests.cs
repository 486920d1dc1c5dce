using System.Net;
using Accrue.Data;
using Accrue.Data.Partners;
using Accrue.Web.Features.Partners;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Partners;

/// <summary>A record that is not the caller's answers 404, exactly like one that does not exist (reliability T6).</summary>
public sealed class PartnerIsolationTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    sealed record TwoPartners(AccrueApp App, Partner Own, Partner Other, Contact OtherContact);

    async Task<TwoPartners> Arrange(Database database)
    {
        var app = await apps.On(database);
        var own = await app.Seed.Partner("Initech");
        var other = await app.Seed.Partner("Globex");
        return new(app, own, other, await app.Seed.Contact(other));
    }

    [Theory]
    [SqliteData(AccrueRoles.PartnerUser), SqliteData(AccrueRoles.PartnerAdmin)]
    [PostgresData(AccrueRoles.PartnerUser), PostgresData(AccrueRoles.PartnerAdmin)]
    public async Task A_partner_user_gets_404_for_another_partners_records(Database database, string role)
    {
        var (app, own, other, otherContact) = await Arrange(database);
        var client = await app.ClientFor(await app.Seed.User(role, own));

        foreach (var url in new[] { $"/api/v1/partners/{other.Id}", $"/api/v1/partners/{other.Id}/contacts", $"/api/v1/contacts/{otherContact.Id}" })
            await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.NotFound);
        // The partner's own record answers, so the 404s above are about scope and not a broken route.
        var mine = await (await client.GetAsync($"/api/v1/partners/{own.Id}")).Read<PartnerDetail>();
        Assert.Equal("Initech", mine.Name);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Another_partners_records_answer_a_program_admin(Database database)
    {
        var (app, _, other, otherContact) = await Arrange(database);
        var client = await app.ClientFor(await app.Seed.ProgramAdmin());

        Assert.Equal("Globex", (await (await client.GetAsync($"/api/v1/partners/{other.Id}")).Read<PartnerDetail>()).Name);
        var contacts = await (await client.GetAsync($"/api/v1/partners/{other.Id}/contacts")).Read<List<ContactSummary>>();
        Assert.Equal([otherContact.Id], contacts.Select(c => c.Id));
        Assert.Equal(other.Id, (await (await client.GetAsync($"/api/v1/contacts/{otherContact.Id}")).Read<ContactSummary>()).PartnerId);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_user_gets_404_for_a_user_of_another_partner(Database database)
    {
        var (app, own, other, _) = await Arrange(database);
        var colleague = await app.Seed.PartnerUserOf(own);
        var stranger = await app.Seed.PartnerAdminOf(other);
        var partnerUser = await app.ClientFor(await app.Seed.PartnerUserOf(own));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        await (await partnerUser.GetAsync($"/api/v1/users/{stranger.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await partnerUser.GetAsync($"/api/v1/users/{colleague.Id}")).ShouldBe(HttpStatusCode.OK);
        await (await admin.GetAsync($"/api/v1/users/{stranger.Id}")).ShouldBe(HttpStatusCode.OK);
    }
}
