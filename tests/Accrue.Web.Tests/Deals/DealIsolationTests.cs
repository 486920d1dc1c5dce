using System.Net;
using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Data.Partners;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Deals;

/// <summary>A deal that is not the caller's answers exactly like one that does not exist; lists and exports hold only the caller's deals.</summary>
public sealed class DealIsolationTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    /// <summary>Every way a partner could read or change a deal, with a body that would be valid for a deal of its own.</summary>
    static IEnumerable<(HttpMethod Method, string Path, object? Body)> Requests(Guid id) =>
    [
        (HttpMethod.Get, $"/api/v1/deals/{id}", null),
        (HttpMethod.Post, $"/api/v1/deals/{id}/stage", new StageRequest(DealStatus.Qualified)),
        (HttpMethod.Post, $"/api/v1/deals/{id}/won", new WinRequest(1000m, DealCalls.Today)),
        (HttpMethod.Post, $"/api/v1/deals/{id}/lost", new LossRequest("Budget cut")),
        (HttpMethod.Post, $"/api/v1/deals/{id}/evidence", new EvidenceRequest(EvidenceKind.JointDemo, DealCalls.Today, "Jane Roe")),
        (HttpMethod.Post, $"/api/v1/deals/{id}/extension-request", new ExtensionRequest("Procurement is slow")),
        (HttpMethod.Put, $"/api/v1/deals/{id}", DealCalls.Registration(DealCalls.Customer())),
        (HttpMethod.Post, $"/api/v1/deals/{id}/submission", null),
    ];

    static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object? body) =>
        client.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body, body.GetType(), options: Api.Json),
        });

    static async Task<(int Deals, int Audit)> Counts(AccrueApp app, Guid dealId)
    {
        await using var db = app.Db();
        var key = dealId.ToString();
        return (await db.Deals.CountAsync(), await db.AuditEntries.CountAsync(e => e.EntityId == key));
    }

    static async Task<List<string>> ExportedRows(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/deals/export");
        await response.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1).ToList();
    }

    [Theory]
    [SqliteData(AccrueRoles.PartnerUser), SqliteData(AccrueRoles.PartnerAdmin)]
    [PostgresData(AccrueRoles.PartnerUser), PostgresData(AccrueRoles.PartnerAdmin)]
    public async Task Another_partners_deal_answers_the_same_404_as_a_deal_that_does_not_exist_and_is_not_changed(Database database, string role)
    {
        var app = await apps.On(database);
        var own = await app.Seed.Partner();
        var other = await app.Seed.Partner();
        // Approved and protected: every change below would be legal for the partner that owns it.
        var theirs = await app.Seed.Deal(other, DealCalls.Customer(), status: DealStatus.Approved, protectedUntil: DealCalls.Today.AddDays(30));
        var draft = await app.Seed.Deal(other, DealCalls.Customer(), status: DealStatus.Draft);
        var client = await app.ClientFor(await app.Seed.User(role, own));
        var before = (await Counts(app, theirs.Id), await Counts(app, draft.Id));

        foreach (var deal in new[] { theirs, draft })
        foreach (var ((method, path, body), (_, missingPath, _)) in Requests(deal.Id).Zip(Requests(Guid.CreateVersion7())))
        {
            var answer = await (await Send(client, method, path, body)).Problem(HttpStatusCode.NotFound);
            var missing = await (await Send(client, method, missingPath, body)).Problem(HttpStatusCode.NotFound);
            Assert.Equal((missing.Status, missing.Title, missing.Detail, missing.Errors), (answer.Status, answer.Title, answer.Detail, answer.Errors));
        }

        Assert.Equal(before, (await Counts(app, theirs.Id), await Counts(app, draft.Id)));
        await using var db = app.Db();
        var stored = await db.Deals.Include(d => d.Evidence).SingleAsync(d => d.Id == theirs.Id);
        Assert.Equal((DealStatus.Approved, theirs.Revision, 0, (DateTimeOffset?)null), (stored.Status, stored.Revision, stored.Evidence.Count, stored.ExtensionRequestedAt));
        // The partner's own deal answers the same calls, so the 404s above are about scope and not a broken route.
        var mine = await app.Seed.Deal(own, DealCalls.Customer(), status: DealStatus.Approved, protectedUntil: DealCalls.Today.AddDays(30));
        Assert.Equal(mine.Id, (await client.Deal(mine.Id)).Summary.Id);
        await (await Send(client, HttpMethod.Post, $"/api/v1/deals/{mine.Id}/stage", new StageRequest(DealStatus.Qualified))).ShouldBe(HttpStatusCode.OK);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partners_list_and_export_hold_only_its_own_deals(Database database)
    {
        var app = await apps.On(database);
        var own = await app.Seed.Partner();
        var other = await app.Seed.Partner();
        Deal[] mine = [await app.Seed.Deal(own, DealCalls.Customer()), await app.Seed.Deal(own, DealCalls.Customer(), status: DealStatus.Draft)];
        var theirs = await app.Seed.Deal(other, DealCalls.Customer());
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(own));

        var list = await (await client.GetAsync("/api/v1/deals?pageSize=200")).Read<Paged<DealSummary>>();
        var asked = await (await client.GetAsync($"/api/v1/deals?partnerId={other.Id}")).Read<Paged<DealSummary>>();
        var searched = await (await client.GetAsync($"/api/v1/deals?search={Uri.EscapeDataString(theirs.CustomerName)}")).Read<Paged<DealSummary>>();
        var exported = await ExportedRows(client);

        Assert.Equal(2, list.Total);
        Assert.Equal(mine.Select(d => d.Id).Order(), list.Items.Select(d => d.Id).Order());
        Assert.Equal((0, 0), (asked.Total, searched.Total));
        Assert.Equal(2, exported.Count);
        Assert.All(exported, row => Assert.Contains($",{own.ExternalId},", row));
        Assert.DoesNotContain(exported, row => row.Contains(theirs.CustomerName));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_manager_sees_and_decides_only_deals_of_the_partners_it_manages(Database database)
    {
        var app = await apps.On(database);
        var manager = await app.Seed.PartnerManager();
        var managed = await app.Seed.Partner(manager: manager);
        var unmanaged = await app.Seed.Partner(manager: await app.Seed.PartnerManager());
        var ours = await app.Seed.Deal(managed, DealCalls.Customer());
        var theirs = await app.Seed.Deal(unmanaged, DealCalls.Customer());
        var client = await app.ClientFor(manager);

        var list = await (await client.GetAsync("/api/v1/deals?pageSize=200")).Read<Paged<DealSummary>>();
        var queue = await (await client.GetAsync("/api/v1/deals/queues/pending?pageSize=200")).Read<Paged<QueueItem>>();
        var exported = await ExportedRows(client);
        await (await client.GetAsync($"/api/v1/deals/{theirs.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await client.PostJson($"/api/v1/deals/{theirs.Id}/approval", new DecisionRequest())).ShouldBe(HttpStatusCode.NotFound);
        await (await client.PostJson($"/api/v1/deals/{ours.Id}/approval", new DecisionRequest())).ShouldBe(HttpStatusCode.OK);

        Assert.Equal((1, ours.Id), (list.Total, list.Items.Single().Id));
        Assert.Equal((1, ours.Id), (queue.Total, queue.Items.Single().Deal.Id));
        Assert.Single(exported);
        Assert.StartsWith($"{ours.Id},{managed.ExternalId},", exported[0]);
        await using var db = app.Db();
        Assert.Equal(DealStatus.Submitted, (await db.Deals.SingleAsync(d => d.Id == theirs.Id)).Status);
        Assert.Equal(DealStatus.Approved, (await db.Deals.SingleAsync(d => d.Id == ours.Id)).Status);
    }

    [Theory]
    [SqliteData(AccrueRoles.ProgramAdmin), SqliteData(AccrueRoles.Finance)]
    [PostgresData(AccrueRoles.ProgramAdmin), PostgresData(AccrueRoles.Finance)]
    public async Task Program_admins_and_finance_see_every_partners_deals(Database database, string role)
    {
        var app = await apps.On(database);
        Partner[] partners = [await app.Seed.Partner(), await app.Seed.Partner(manager: await app.Seed.PartnerManager())];
        var deals = new List<Deal>();
        foreach (var partner in partners) deals.Add(await app.Seed.Deal(partner, DealCalls.Customer()));
        var client = await app.ClientFor(await app.Seed.User(role));
        await using var db = app.Db();
        var all = await db.Deals.CountAsync();

        var list = await (await client.GetAsync("/api/v1/deals?pageSize=200")).Read<Paged<DealSummary>>();
        var exported = await ExportedRows(client);

        Assert.Equal(all, list.Total);
        Assert.Equal(all, exported.Count);
        foreach (var deal in deals)
        {
            Assert.Equal(deal.PartnerId, (await client.Deal(deal.Id)).Summary.PartnerId);
            Assert.Contains(exported, row => row.StartsWith($"{deal.Id},"));
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_sees_neither_conflicts_nor_signals_on_its_own_deal_while_staff_do(Database database)
    {
        var app = await apps.On(database);
        var first = await app.Seed.Partner();
        var second = await app.Seed.Partner();
        var customer = DealCalls.Customer();
        await app.Seed.Deal(first, customer, DealCalls.DomainOf(customer));
        var partner = await app.ClientFor(await app.Seed.PartnerUserOf(second));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        // The same domain conflicts with the first partner's claim; a round amount draws a signal.
        var outcome = await partner.Register(DealCalls.Registration(customer, DealCalls.DomainOf(customer), amount: 50_000m));
        var seenByPartner = await partner.Deal(outcome.DealId);
        var seenByStaff = await admin.Deal(outcome.DealId);
        var flagged = await (await partner.GetAsync("/api/v1/deals?needsReview=true")).Read<Paged<DealSummary>>();
        var listed = await (await partner.GetAsync("/api/v1/deals")).Read<Paged<DealSummary>>();

        Assert.Equal((DealStatus.Submitted, false, false), (seenByPartner.Summary.Status, seenByPartner.Summary.NeedsReview, seenByPartner.SpotAudit));
        Assert.Empty(seenByPartner.Conflicts);
        Assert.Empty(seenByPartner.Signals);
        Assert.DoesNotContain(first.Name, outcome.Message + seenByPartner.Summary.NextStep);
        Assert.False(listed.Items.Single().NeedsReview);
        // Filtering on needsReview would tell the partner what the flag hides.
        Assert.Equal(0, flagged.Total);
        Assert.True(seenByStaff.Summary.NeedsReview);
        Assert.Equal(first.Name, Assert.Single(seenByStaff.Conflicts).RivalPartnerName);
        Assert.Contains(seenByStaff.Signals, s => s.Kind == SignalKind.RoundAmount);
        await using var db = app.Db();
        Assert.True((await db.Deals.SingleAsync(d => d.Id == outcome.DealId)).NeedsReview);
    }
}
