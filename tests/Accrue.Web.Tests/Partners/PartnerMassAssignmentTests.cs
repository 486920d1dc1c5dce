using System.Net;
using Accrue.Engine.Partners;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Partners;

/// <summary>A write body with a member the API does not take is refused whole, not half-applied (reliability T7).</summary>
public sealed class PartnerMassAssignmentTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    const string Valid = "\"name\":\"Acme\",\"type\":\"Reseller\",\"region\":\"Europe\",\"country\":\"DE\"";

    public static TheoryData<string> ExtraMembers() => new()
    {
        "\"status\":\"Active\"",
        $"\"id\":\"{Guid.CreateVersion7()}\"",
        $"\"partnerId\":\"{Guid.CreateVersion7()}\"",
    };

    [Theory, MemberData(nameof(ExtraMembers))]
    public async Task Creating_a_partner_with_a_member_the_api_does_not_take_answers_400_and_creates_nothing(string extra)
    {
        var app = await apps.On(Database.Sqlite);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        await using var db = app.Db();
        var before = await db.Partners.CountAsync();

        var response = await admin.SendRaw(HttpMethod.Post, "/api/v1/partners", $"{{{Valid},{extra}}}");

        await response.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Equal(before, await db.Partners.CountAsync());
        // The same body without the extra member is fine, so the 400 above is about that member.
        await (await admin.SendRaw(HttpMethod.Post, "/api/v1/partners", $"{{{Valid}}}")).ShouldBe(HttpStatusCode.Created);
    }

    [Theory, MemberData(nameof(ExtraMembers))]
    public async Task Editing_a_partner_with_a_member_the_api_does_not_take_answers_400_and_changes_nothing(string extra)
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner("Initech");
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        var response = await admin.SendRaw(HttpMethod.Put, $"/api/v1/partners/{partner.Id}",
                                           $"{{{Valid},\"revision\":\"{partner.Revision}\",{extra}}}");

        await response.ShouldBe(HttpStatusCode.BadRequest);
        await using var db = app.Db();
        var stored = await db.Partners.SingleAsync(p => p.Id == partner.Id);
        Assert.Equal(("Initech", PartnerStatus.Prospect, partner.Revision), (stored.Name, stored.Status, stored.Revision));
    }
}
