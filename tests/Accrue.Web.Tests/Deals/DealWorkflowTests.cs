using System.Net;
using Accrue.Data.Partners;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Deals;

/// <summary>A deal's life over the API: decided, edited and resubmitted, moved through stages, closed, extended; every move audited.</summary>
public sealed class DealWorkflowTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    sealed record Scene(AccrueApp App, Partner Partner, HttpClient PartnerUser, HttpClient Admin);

    async Task<Scene> Arrange(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        return new(app, partner, await app.ClientFor(await app.Seed.PartnerUserOf(partner)), await app.ClientFor(await app.Seed.ProgramAdmin()));
    }

    static async Task<List<string>> AuditedActions(AccrueApp app, Guid dealId)
    {
        await using var db = app.Db();
        var key = dealId.ToString();
        return await db.AuditEntries.Where(e => e.EntityType == "Deal" && e.EntityId == key).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => e.Action).ToListAsync();
    }

    static async Task<Accrue.Data.Deals.Deal> Stored(AccrueApp app, Guid id)
    {
        await using var db = app.Db();
        return await db.Deals.AsNoTracking().Include(d => d.Evidence).SingleAsync(d => d.Id == id);
    }

    async Task<(Scene Scene, Guid DealId)> Approved(Database database)
    {
        var scene = await Arrange(database);
        var outcome = await scene.PartnerUser.Register(DealCalls.Registration(DealCalls.Customer()));
        await (await scene.Admin.PostJson($"/api/v1/deals/{outcome.DealId}/approval", new DecisionRequest())).ShouldBe(HttpStatusCode.OK);
        return (scene, outcome.DealId);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Approval_protects_the_deal_for_90_days_from_today(Database database)
    {
        var (app, _, partnerUser, admin) = await Arrange(database);
        var outcome = await partnerUser.Register(DealCalls.Registration(DealCalls.Customer()));

        var approved = await (await admin.PostJson($"/api/v1/deals/{outcome.DealId}/approval", new DecisionRequest("Looks right")))
            .Read<DealDetail>();

        var today = DealCalls.Today;
        Assert.Equal((DealStatus.Approved, today, today.AddDays(90), 90),
                     (approved.Summary.Status, approved.ProtectedFrom, approved.Summary.ProtectedUntil, approved.ProtectionDaysLeft));
        var stored = await Stored(app, outcome.DealId);
        Assert.Equal((DealStatus.Approved, today, today.AddDays(90), "Looks right"),
                     (stored.Status, stored.ProtectedFrom, stored.ProtectedUntil, stored.DecisionReason));
        Assert.NotNull(stored.DecidedAt);
        Assert.Equal(["DealDrafted", "DealSubmitted", "DealApproved"], await AuditedActions(app, outcome.DealId));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_reviewer_may_set_the_day_protection_ends_but_not_today(Database database)
    {
        var (app, _, partnerUser, admin) = await Arrange(database);
        var outcome = await partnerUser.Register(DealCalls.Registration(DealCalls.Customer()));

        var refused = await (await admin.PostJson($"/api/v1/deals/{outcome.DealId}/approval", new DecisionRequest(null, DealCalls.Today)))
            .Problem(HttpStatusCode.BadRequest);
        var approved = await (await admin.PostJson($"/api/v1/deals/{outcome.DealId}/approval", new DecisionRequest(null, DealCalls.Today.AddDays(30))))
            .Read<DealDetail>();

        Assert.Equal(["protectedUntil"], refused.Errors!.Keys);
        Assert.Equal(DealCalls.Today.AddDays(30), approved.Summary.ProtectedUntil);
        Assert.Equal(DealCalls.Today.AddDays(30), (await Stored(app, outcome.DealId)).ProtectedUntil);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_returned_deal_is_edited_and_resubmitted_and_keeps_its_registration_time(Database database)
    {
        var (app, _, partnerUser, admin) = await Arrange(database);
        var request = DealCalls.Registration(DealCalls.Customer());
        var outcome = await partnerUser.Register(request);
        var registeredAt = (await Stored(app, outcome.DealId)).RegisteredAt;

        await (await admin.PostJson($"/api/v1/deals/{outcome.DealId}/return", new DecisionRequest("Which products exactly?"))).ShouldBe(HttpStatusCode.OK);
        var returned = await partnerUser.Deal(outcome.DealId);
        var resubmitted = await (await partnerUser.PutJson($"/api/v1/deals/{outcome.DealId}",
                                                           request with { ProductLines = ["Analytics", "Security"], EstimatedAmount = 23_456.78m }))
            .Read<RegistrationOutcome>();

        Assert.Equal((DealStatus.Returned, "Which products exactly?"), (returned.Summary.Status, returned.DecisionReason));
        Assert.Contains("Which products exactly?", returned.Summary.NextStep);
        Assert.Equal(DealStatus.Submitted, resubmitted.Status);
        var stored = await Stored(app, outcome.DealId);
        Assert.Equal((DealStatus.Submitted, registeredAt, "Analytics;Security", 2_345_678L),
                     (stored.Status, stored.RegisteredAt, stored.ProductLines, stored.EstimatedAmountMinor));
        Assert.Equal(["DealDrafted", "DealSubmitted", "DealReturned", "DealEdited", "DealSubmitted"], await AuditedActions(app, outcome.DealId));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_deal_moves_through_the_stages_with_evidence_and_is_won_with_its_amount_in_minor_units(Database database)
    {
        var ((app, _, partnerUser, _), id) = await Approved(database);

        foreach (var stage in new[] { DealStatus.Qualified, DealStatus.Proposal, DealStatus.Negotiation })
            Assert.Equal(stage, (await (await partnerUser.PostJson($"/api/v1/deals/{id}/stage", new StageRequest(stage))).Read<DealDetail>()).Summary.Status);
        await (await partnerUser.PostJson($"/api/v1/deals/{id}/evidence",
                                          new EvidenceRequest(EvidenceKind.JointDemo, DealCalls.Today.AddDays(-1), "Jane Roe", "Demo with the CIO")))
            .ShouldBe(HttpStatusCode.OK);
        var won = await (await partnerUser.PostJson($"/api/v1/deals/{id}/won", new WinRequest(118_500.50m, DealCalls.Today))).Read<DealDetail>();

        Assert.Equal((DealStatus.Won, DealCalls.Today), (won.Summary.Status, won.ClosedOn));
        var stored = await Stored(app, id);
        Assert.Equal((DealStatus.Won, 11_850_050L, DealCalls.Today), (stored.Status, stored.ActualAmountMinor, stored.ClosedOn));
        Assert.Equal((EvidenceKind.JointDemo, "Jane Roe"), (Assert.Single(stored.Evidence).Kind, stored.Evidence[0].Who));
        Assert.Equal(["DealDrafted", "DealSubmitted", "DealApproved", "DealStageChanged", "DealStageChanged", "DealStageChanged",
                      "DealEvidenceLogged", "DealWon"], await AuditedActions(app, id));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_lost_deal_keeps_the_reason_and_the_day(Database database)
    {
        var ((app, _, partnerUser, _), id) = await Approved(database);

        var lost = await (await partnerUser.PostJson($"/api/v1/deals/{id}/lost", new LossRequest("  Chose a competitor "))).Read<DealDetail>();

        Assert.Equal((DealStatus.Lost, "Chose a competitor"), (lost.Summary.Status, lost.LostReason));
        var stored = await Stored(app, id);
        Assert.Equal((DealStatus.Lost, "Chose a competitor", DealCalls.Today), (stored.Status, stored.LostReason, stored.ClosedOn));
        await using var db = app.Db();
        var audit = await db.AuditEntries.Where(e => e.EntityId == id.ToString() && e.Action == "DealLost").SingleAsync();
        Assert.Equal("Chose a competitor", audit.Reason);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_granted_extension_moves_the_end_of_protection(Database database)
    {
        var ((app, _, partnerUser, admin), id) = await Approved(database);
        var until = (await Stored(app, id)).ProtectedUntil!.Value;

        var requested = await (await partnerUser.PostJson($"/api/v1/deals/{id}/extension-request", new ExtensionRequest("Procurement takes a quarter")))
            .Read<DealDetail>();
        var extended = await (await admin.PostJson($"/api/v1/deals/{id}/extension", new ExtensionGrant(30))).Read<DealDetail>();

        Assert.Equal("Procurement takes a quarter", requested.ExtensionReason);
        Assert.NotNull(requested.ExtensionRequestedAt);
        Assert.Equal((until.AddDays(30), null), (extended.Summary.ProtectedUntil, extended.ExtensionReason));
        var stored = await Stored(app, id);
        Assert.Equal((until.AddDays(30), DealCalls.Today, (DateTimeOffset?)null), (stored.ProtectedUntil, stored.ProtectedFrom, stored.ExtensionRequestedAt));
        Assert.Equal(["DealDrafted", "DealSubmitted", "DealApproved", "DealExtensionRequested", "DealProtectionExtended"], await AuditedActions(app, id));
        await using var db = app.Db();
        Assert.Equal("Procurement takes a quarter",
                     (await db.AuditEntries.SingleAsync(e => e.EntityId == id.ToString() && e.Action == "DealProtectionExtended")).Reason);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Bulk_approval_approves_each_deal_it_can_and_says_why_for_the_one_it_cannot(Database database)
    {
        var (app, partner, _, admin) = await Arrange(database);
        var submitted = new List<Guid>();
        for (var i = 0; i < 3; i++) submitted.Add((await app.Seed.Deal(partner, DealCalls.Customer())).Id);
        var draft = await app.Seed.Deal(partner, DealCalls.Customer(), status: DealStatus.Draft);

        var results = await (await admin.PostJson("/api/v1/deals/approvals", new BulkApprovalRequest([submitted[0], draft.Id, submitted[1], submitted[2]])))
            .Read<List<BulkApprovalResult>>();

        Assert.Equal([submitted[0], draft.Id, submitted[1], submitted[2]], results.Select(r => r.DealId));
        Assert.Equal([true, false, true, true], results.Select(r => r.Approved));
        Assert.Equal("A deal cannot be approved from Draft; from Draft it can go to Submitted.", results[1].Message);
        foreach (var id in submitted)
        {
            var stored = await Stored(app, id);
            Assert.Equal((DealStatus.Approved, DealCalls.Today.AddDays(90)), (stored.Status, stored.ProtectedUntil));
            Assert.Equal(["DealApproved"], await AuditedActions(app, id));
        }
        Assert.Equal(DealStatus.Draft, (await Stored(app, draft.Id)).Status);
        Assert.Empty(await AuditedActions(app, draft.Id));
    }
}
