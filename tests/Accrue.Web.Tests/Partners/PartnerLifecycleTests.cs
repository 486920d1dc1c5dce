using System.Net;
using Accrue.Data.Partners;
using Accrue.Engine.Partners;
using Accrue.Web.Features.Partners;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Partners;

/// <summary>Moving a partner through its lifecycle over HTTP: allowed moves, refusals with reasons, and their audit trail.</summary>
public sealed class PartnerLifecycleTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static Task<HttpResponseMessage> Move(HttpClient client, Partner partner, string status, string? reason = null) =>
        client.PostJson($"/api/v1/partners/{partner.Id}/status", new { status, reason });

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_goes_from_prospect_to_exited_and_each_move_is_audited(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        (string Status, string? Reason)[] moves =
            [("Onboarding", null), ("Active", null), ("Suspended", "Unpaid fees"), ("Active", null), ("Exited", "Contract ended")];

        foreach (var (status, reason) in moves)
            Assert.Equal(status, (await (await Move(admin, partner, status, reason)).Read<PartnerDetail>()).Status.ToString());

        await using var db = app.Db();
        Assert.Equal(PartnerStatus.Exited, (await db.Partners.SingleAsync(p => p.Id == partner.Id)).Status);
        var audit = (await db.AuditEntries.Where(e => e.EntityId == partner.Id.ToString() && e.Action == "PartnerStatusChanged").ToListAsync())
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        // Statuses by name: the audit trail once stored enum numbers ("0→1"), unreadable once the enum changes.
        Assert.Equal(
            ["Prospect→Onboarding", "Onboarding→Active", "Active→Suspended", "Suspended→Active", "Active→Exited"],
            audit.Select(e => $"{StatusIn(e.Before)}→{StatusIn(e.After)}"));
        Assert.Equal([null, null, "Unpaid fees", null, "Contract ended"], audit.Select(e => e.Reason));
    }

    static string StatusIn(string? json) =>
        System.Text.Json.JsonDocument.Parse(json!).RootElement.GetProperty("status").ToString();

    [Fact]
    public async Task Suspending_without_a_reason_answers_400_on_reason()
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner(status: PartnerStatus.Active);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        var problem = await (await Move(admin, partner, "Suspended")).Problem(HttpStatusCode.BadRequest);

        Assert.Equal(["reason"], problem.Errors!.Keys);
        await AssertUnchanged(app, partner, PartnerStatus.Active);
    }

    [Theory]
    [InlineData(PartnerStatus.Prospect, "Active", "A partner cannot go from Prospect to Active")]
    [InlineData(PartnerStatus.Onboarding, "Suspended", "A partner cannot go from Onboarding to Suspended")]
    [InlineData(PartnerStatus.Active, "Active", "already Active")]
    [InlineData(PartnerStatus.Exited, "Active", "An exited partner cannot change status")]
    [InlineData(PartnerStatus.Exited, "Onboarding", "An exited partner cannot change status")]
    public async Task A_move_the_lifecycle_forbids_answers_409_with_the_reason(PartnerStatus from, string to, string reason)
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner(status: from);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        var problem = await (await Move(admin, partner, to, "because")).Problem(HttpStatusCode.Conflict);

        Assert.Contains(reason, problem.Detail);
        await AssertUnchanged(app, partner, from);
    }

    static async Task AssertUnchanged(AccrueApp app, Partner partner, PartnerStatus status)
    {
        await using var db = app.Db();
        var stored = await db.Partners.SingleAsync(p => p.Id == partner.Id);
        Assert.Equal((status, partner.Revision), (stored.Status, stored.Revision));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityId == partner.Id.ToString()));
    }
}
