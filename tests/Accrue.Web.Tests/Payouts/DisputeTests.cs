using System.Net;
using Accrue.Data.Ledger;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Payouts;

/// <summary>A partner disputes a line of its statement; finance takes it on and upholds it with an adjustment that the next statement carries.</summary>
public sealed class DisputeTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task A_disputed_line_is_owned_resolved_and_an_upheld_adjustment_lands_on_the_next_statement_while_the_partner_follows_it(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database));
        await s.StateAsync();
        var statement = await s.StatementOf(s.Acme);
        await (await s.Finance.PostAsync($"/api/v1/payouts/statements/{statement.Id}/approval", null)).ShouldBe(HttpStatusCode.OK);
        var portal = await s.App.ClientFor(await s.App.Seed.PartnerUserOf(s.Acme));
        var line = Assert.Single((await (await portal.GetAsync($"/api/v1/payouts/statements/{statement.Id}")).Read<StatementDetail>()).Lines);

        var tooShort = await (await portal.PostJson($"/api/v1/payouts/statements/{statement.Id}/disputes", new DisputeRequest(line.TransactionId, "wrong"))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("reason", tooShort.Errors!.Keys);
        var badFile = await (await portal.PostJson($"/api/v1/payouts/statements/{statement.Id}/disputes",
            new DisputeRequest(line.TransactionId, "A deal of ours is missing from the rebate.", "run.exe", Convert.ToBase64String([1, 2, 3])))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("attachmentName", badFile.Errors!.Keys);
        var opened = await (await portal.PostJson($"/api/v1/payouts/statements/{statement.Id}/disputes",
            new DisputeRequest(line.TransactionId, "A deal of ours is missing from the rebate.", "order.pdf", Convert.ToBase64String("%PDF-1.4"u8.ToArray())))).Read<DisputeView>(HttpStatusCode.Created);
        Assert.Equal((DisputeStatus.Open, "order.pdf"), (opened.Status, opened.AttachmentName));
        await (await portal.PostJson($"/api/v1/payouts/statements/{statement.Id}/disputes", new DisputeRequest(line.TransactionId, "The same again, a second time."))).ShouldBe(HttpStatusCode.Conflict);

        // Another partner can neither see it nor dispute Acme's statement.
        var stranger = await s.App.ClientFor(await s.App.Seed.PartnerUserOf(s.Birch));
        await (await stranger.GetAsync($"/api/v1/payouts/disputes/{opened.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.PostJson($"/api/v1/payouts/statements/{statement.Id}/disputes", new DisputeRequest(line.TransactionId, "Not ours, but let us try."))).ShouldBe(HttpStatusCode.NotFound);
        await (await portal.PostJson($"/api/v1/payouts/disputes/{opened.Id}/resolution", new ResolveDisputeRequest(true, "Self-approved", 1_000m))).ShouldBe(HttpStatusCode.Forbidden);

        var owned = await (await s.Finance.PostJson($"/api/v1/payouts/disputes/{opened.Id}/assignment", new AssignDisputeRequest(null))).Read<DisputeView>();
        Assert.Equal(DisputeStatus.InReview, owned.Status);
        var resolved = await (await s.Finance.PostJson($"/api/v1/payouts/disputes/{opened.Id}/resolution",
            new ResolveDisputeRequest(true, "The order form is dated in the quarter; the deal counts.", 250.50m))).Read<DisputeView>();
        Assert.Equal((DisputeStatus.Upheld, 25_050L), (resolved.Status, resolved.AdjustmentMinor));

        // The partner follows it, and the adjustment is stated with the period's next statement; a recalculation does not take it back.
        var seen = await (await portal.GetAsync($"/api/v1/payouts/disputes/{opened.Id}")).Read<DisputeView>();
        Assert.Equal((DisputeStatus.Upheld, "The order form is dated in the quarter; the deal counts."), (seen.Status, seen.Resolution));
        var again = await Incentives.IncentiveRunTests.Calculate(s.Admin, PayoutScenario.LastQuarter.Name);
        Assert.Equal(0, (await (await s.Admin.PostJson("/api/v1/ledger/postings", new PostRunRequest(again.Id))).Read<PostingResult>()).Transactions);
        var next = await s.StateAsync();
        Assert.Equal((1, 25_050L), (next.Statements, next.TotalMinor));
        await using var db = s.App.Db();
        Assert.Equal(["DisputeOpened", "DisputeAssigned", "DisputeUpheld"],
                     await db.AuditEntries.Where(e => e.EntityId == opened.Id.ToString()).OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
    }
}
