using System.Net;
using Accrue.Engine.Deals;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Deals;

/// <summary>A move the lifecycle does not allow answers 409 with the lifecycle's reason, and a decision the partner must understand needs a reason.</summary>
public sealed class DealTransitionTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static readonly string Today = DealCalls.Today.ToString("yyyy-MM-dd");

    public static TheoryData<DealStatus, bool, string, string, string> IllegalMoves() => new()
    {
        { DealStatus.Draft, true, "won", $"{{\"actualAmount\":1000,\"closedOn\":\"{Today}\"}}",
          "A deal cannot be won from Draft; from Draft it can go to Submitted." },
        { DealStatus.Approved, false, "approval", "{}", "The deal is already Approved." },
        { DealStatus.Returned, false, "approval", "{}", "A deal cannot be approved from Returned; from Returned it can go to Submitted." },
        { DealStatus.Lost, false, "rejection", "{\"reason\":\"Not ours\"}",
          "A deal that is Lost is final and cannot be rejected; register the opportunity again as a new deal." },
        { DealStatus.Negotiation, true, "stage", "{\"stage\":\"Qualified\"}",
          "A deal cannot be qualified from Negotiation; from Negotiation it can go to Won, Lost or Expired." },
        { DealStatus.Won, true, "lost", "{\"reason\":\"Changed our mind\"}", "A deal that is Won is final and cannot be lost." },
        { DealStatus.Approved, true, "submission", "{}",
          "A deal cannot be submitted from Approved; from Approved it can go to Qualified, Proposal, Negotiation, Won, Lost or Expired." },
    };

    [Theory, MemberData(nameof(IllegalMoves))]
    public async Task An_illegal_move_answers_409_with_the_lifecycles_reason_and_changes_nothing(
        DealStatus from, bool byPartner, string action, string body, string reason)
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner();
        var deal = await app.Seed.Deal(partner, DealCalls.Customer(), status: from,
                                       protectedUntil: from is DealStatus.Approved or DealStatus.Negotiation or DealStatus.Won or DealStatus.Lost
                                           ? DealCalls.Today.AddDays(30) : null);
        var client = await app.ClientFor(byPartner ? await app.Seed.PartnerUserOf(partner) : await app.Seed.ProgramAdmin());

        var problem = await (await client.SendRaw(HttpMethod.Post, $"/api/v1/deals/{deal.Id}/{action}", body)).Problem(HttpStatusCode.Conflict);

        Assert.Equal(reason, problem.Detail);
        await using var db = app.Db();
        var stored = await db.Deals.SingleAsync(d => d.Id == deal.Id);
        Assert.Equal((from, deal.Revision), (stored.Status, stored.Revision));
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.EntityId == deal.Id.ToString()));
    }

    [Theory]
    [SqliteData("rejection", "{}"), SqliteData("rejection", "{\"reason\":\"  \"}"), SqliteData("return", "{\"reason\":null}"), SqliteData("return", "{\"reason\":\"\"}")]
    [PostgresData("rejection", "{}"), PostgresData("return", "{\"reason\":\" \"}")]
    public async Task Rejecting_or_returning_without_a_reason_answers_400_naming_the_reason(Database database, string action, string body)
    {
        var app = await apps.On(database);
        var deal = await app.Seed.Deal(await app.Seed.Partner(), DealCalls.Customer());
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        var problem = await (await admin.SendRaw(HttpMethod.Post, $"/api/v1/deals/{deal.Id}/{action}", body)).Problem(HttpStatusCode.BadRequest);

        Assert.Equal(["reason"], problem.Errors!.Keys);
        await using var db = app.Db();
        var stored = await db.Deals.SingleAsync(d => d.Id == deal.Id);
        Assert.Equal((DealStatus.Submitted, deal.Revision, null), (stored.Status, stored.Revision, stored.DecisionReason));
    }
}
