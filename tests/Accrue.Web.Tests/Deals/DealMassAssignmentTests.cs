using System.Net;
using Accrue.Data;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Deals;

/// <summary>A partner sets what it tells the vendor, never the deal's status, owner, protection or id; nor does it decide its own deals.</summary>
public sealed class DealMassAssignmentTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static string Valid(string customer) =>
        $"\"customerName\":\"{customer}\",\"customerCountry\":\"US\",\"productLines\":[\"Analytics\"],\"estimatedAmount\":12345.67," +
        $"\"currency\":\"USD\",\"expectedCloseOn\":\"{DealCalls.Today.AddDays(60):yyyy-MM-dd}\",\"involvement\":\"PartnerSourced\"";

    public static TheoryData<string> ExtraMembers() => new()
    {
        "\"status\":\"Approved\"",
        $"\"partnerId\":\"{Guid.CreateVersion7()}\"",
        $"\"protectedUntil\":\"{DealCalls.Today.AddDays(365):yyyy-MM-dd}\"",
        $"\"id\":\"{Guid.CreateVersion7()}\"",
    };

    [Theory, MemberData(nameof(ExtraMembers))]
    public async Task Registering_with_a_member_the_api_does_not_take_answers_400_and_creates_nothing(string extra)
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner();
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(partner));
        await using var db = app.Db();
        var before = (await db.Deals.CountAsync(), await db.AuditEntries.CountAsync());
        var customer = DealCalls.Customer();

        await (await client.SendRaw(HttpMethod.Post, "/api/v1/deals", $"{{{Valid(customer)},{extra}}}")).ShouldBe(HttpStatusCode.BadRequest);

        Assert.Equal(before, (await db.Deals.CountAsync(), await db.AuditEntries.CountAsync()));
        // The same body without the extra member registers, so the 400 above is about that member.
        await (await client.SendRaw(HttpMethod.Post, "/api/v1/deals", $"{{{Valid(customer)}}}")).ShouldBe(HttpStatusCode.Created);
        var deal = await db.Deals.SingleAsync(d => d.CustomerName == customer);
        Assert.Equal((partner.Id, DealStatus.Submitted, (DateOnly?)null), (deal.PartnerId, deal.Status, deal.ProtectedUntil));
    }

    [Theory, MemberData(nameof(ExtraMembers))]
    public async Task Editing_a_draft_with_a_member_the_api_does_not_take_answers_400_and_changes_nothing(string extra)
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner();
        var draft = await app.Seed.Deal(partner, DealCalls.Customer(), status: DealStatus.Draft);
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(partner));

        await (await client.SendRaw(HttpMethod.Put, $"/api/v1/deals/{draft.Id}", $"{{{Valid(DealCalls.Customer())},{extra}}}"))
            .ShouldBe(HttpStatusCode.BadRequest);

        await using var db = app.Db();
        var stored = await db.Deals.SingleAsync(d => d.Id == draft.Id);
        Assert.Equal((draft.CustomerName, DealStatus.Draft, draft.Revision), (stored.CustomerName, stored.Status, stored.Revision));
    }

    [Theory]
    [SqliteData(AccrueRoles.PartnerUser), SqliteData(AccrueRoles.PartnerAdmin)]
    [PostgresData(AccrueRoles.PartnerUser), PostgresData(AccrueRoles.PartnerAdmin)]
    public async Task A_partner_cannot_approve_its_own_deal(Database database, string role)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var client = await app.ClientFor(await app.Seed.User(role, partner));
        var outcome = await client.Register(DealCalls.Registration(DealCalls.Customer()));
        await using var db = app.Db();
        var audited = await db.AuditEntries.CountAsync(e => e.EntityId == outcome.DealId.ToString());

        await (await client.PostJson($"/api/v1/deals/{outcome.DealId}/approval", new DecisionRequest())).ShouldBe(HttpStatusCode.Forbidden);
        await (await client.PostJson("/api/v1/deals/approvals", new BulkApprovalRequest([outcome.DealId]))).ShouldBe(HttpStatusCode.Forbidden);
        await (await client.PostJson($"/api/v1/deals/{outcome.DealId}/extension", new ExtensionGrant(30))).ShouldBe(HttpStatusCode.Forbidden);

        var stored = await db.Deals.SingleAsync(d => d.Id == outcome.DealId);
        Assert.Equal((DealStatus.Submitted, (DateOnly?)null), (stored.Status, stored.ProtectedUntil));
        Assert.Equal(audited, await db.AuditEntries.CountAsync(e => e.EntityId == outcome.DealId.ToString()));
    }
}
