using System.Net;
using Accrue.Data;
using Accrue.Data.Tiers;
using Accrue.Engine.Partners;
using Accrue.Engine.Tiers;
using Accrue.Engine.Time;
using Accrue.Web.Features.Tiers;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Tiers;

/// <summary>An evaluation run proposes tier changes from real deals; approved, they show on the scorecard, the history and the audit trail.</summary>
public sealed class TierEvaluationTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    static readonly Period LastQuarter = new FiscalCalendar().Previous(new FiscalCalendar().Containing(Today, PeriodUnit.Quarter));

    [Theory, SqliteData, PostgresData]
    public async Task An_approved_promotion_shows_on_the_partners_scorecard_history_and_audit_trail_and_nowhere_else(Database database)
    {
        var app = await apps.On(database);
        await app.Seed.PublishedProgram(Seed.ThreeTiers(), Today.AddYears(-2));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var rising = await app.Seed.Partner(status: PartnerStatus.Active);
        var steady = await app.Seed.Partner(status: PartnerStatus.Active);
        // 600,000 in the trailing year: Gold, skipping Silver. 50,000: stays Registered.
        await app.Seed.WonDeal(rising, 350_000m, LastQuarter.Start.AddDays(3));
        await app.Seed.WonDeal(rising, 250_000m, LastQuarter.Start.AddMonths(-6));
        await app.Seed.WonDeal(steady, 50_000m, LastQuarter.Start.AddDays(10));
        // Closed on the quarter's end day: after the evaluated window, so it does not count.
        await app.Seed.WonDeal(steady, 900_000m, LastQuarter.End);

        var run = await Evaluate(admin, LastQuarter.Name);

        Assert.Equal(EvaluationRunStatus.Completed, run.Status);
        var pending = await (await admin.GetAsync($"/api/v1/tiers/evaluations/{run.Id}/proposals?status=Pending")).Read<Paged<ProposalView>>();
        var promotion = Assert.Single(pending.Items);
        Assert.Equal((rising.Id, TierDecisionKind.Promote, "Registered", "Gold"), (promotion.PartnerId, promotion.Kind, promotion.CurrentTier, promotion.ProposedTier));
        var kept = await (await admin.GetAsync($"/api/v1/tiers/evaluations/{run.Id}/proposals?status=Applied")).Read<Paged<ProposalView>>();
        Assert.Equal(TierDecisionKind.Keep, Assert.Single(kept.Items, p => p.PartnerId == steady.Id).Kind);

        await (await admin.PostJson("/api/v1/tiers/proposals/rejection", new ProposalDecision([promotion.Id], " "))).ShouldBe(HttpStatusCode.BadRequest);
        var decided = await (await admin.PostJson("/api/v1/tiers/proposals/approval", new ProposalDecision([promotion.Id], "Strong year")))
            .Read<IReadOnlyList<ProposalDecisionResult>>();
        Assert.True(Assert.Single(decided).Done);
        // Deciding it again changes nothing and says why.
        var again = await (await admin.PostJson("/api/v1/tiers/proposals/approval", new ProposalDecision([promotion.Id], null)))
            .Read<IReadOnlyList<ProposalDecisionResult>>();
        Assert.Equal((false, "Already approved."), (again[0].Done, again[0].Message));

        var portal = await app.ClientFor(await app.Seed.PartnerUserOf(rising));
        var card = await (await portal.GetAsync($"/api/v1/partners/{rising.Id}/scorecard")).Read<Scorecard>();
        Assert.Equal(("gold", "Gold", 15m), (card.TierId, card.TierName, card.Benefits.DiscountPercent));
        Assert.Null(card.Standing.Next); // Gold is the top of this ladder
        var history = await (await portal.GetAsync($"/api/v1/partners/{rising.Id}/tier-history")).Read<IReadOnlyList<TierHistoryItem>>();
        var change = Assert.Single(history);
        Assert.Equal(("Registered", "Gold", TierChangeKind.Promotion, LastQuarter.Name), (change.FromTier, change.ToTier, change.Kind, change.Period));

        await using (var db = app.Db())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == "TierPromoted" && e.PartnerId == rising.Id);
            Assert.Equal("Strong year", entry.Reason);
            Assert.Contains("gold", entry.After);
        }

        // Another partner's user can neither read nor detect the scorecard or the history.
        var stranger = await app.ClientFor(await app.Seed.PartnerUserOf(steady));
        await (await stranger.GetAsync($"/api/v1/partners/{rising.Id}/scorecard")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/partners/{rising.Id}/tier-history")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/partners/{Guid.NewGuid()}/scorecard")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/tiers/evaluations/{run.Id}/proposals")).ShouldBe(HttpStatusCode.Forbidden);
        var own = await (await stranger.GetAsync($"/api/v1/partners/{steady.Id}/scorecard")).Read<Scorecard>();
        Assert.Equal("registered", own.TierId);

        // Each period is evaluated once.
        await (await admin.PostJson("/api/v1/tiers/evaluations", new StartEvaluationRequest(LastQuarter.Name))).ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_period_that_has_not_ended_or_is_not_a_period_is_refused_with_the_reason(Database database)
    {
        var app = await apps.On(database);
        await app.Seed.PublishedProgram(Seed.ThreeTiers(), Today.AddYears(-2));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var current = new FiscalCalendar().Containing(Today, PeriodUnit.Quarter);

        var unfinished = await (await admin.PostJson("/api/v1/tiers/evaluations", new StartEvaluationRequest(current.Name))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains($"ends on {current.End:yyyy-MM-dd}", unfinished.Errors!["period"][0]);
        var nonsense = await (await admin.PostJson("/api/v1/tiers/evaluations", new StartEvaluationRequest("Q3 please"))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("2026-Q3", nonsense.Errors!["period"][0]);
        var manager = await app.ClientFor(await app.Seed.PartnerManager());
        await (await manager.PostJson("/api/v1/tiers/evaluations", new StartEvaluationRequest(LastQuarter.Name))).ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>Starts an evaluation and waits for it to finish (it runs in the background).</summary>
    internal static async Task<EvaluationRunView> Evaluate(HttpClient admin, string period, int? expectedPartners = null)
    {
        var started = await (await admin.PostJson("/api/v1/tiers/evaluations", new StartEvaluationRequest(period))).Read<EvaluationRunView>(HttpStatusCode.Accepted);
        for (var wait = 0; wait < 300; wait++)
        {
            var run = await (await admin.GetAsync($"/api/v1/tiers/evaluations/{started.Id}")).Read<EvaluationRunView>();
            if (run.Status != EvaluationRunStatus.Running)
            {
                Assert.Null(run.Error);
                if (expectedPartners is { } n) Assert.Equal(n, run.PartnersTotal);
                return run;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The evaluation of {period} did not finish within 30 seconds.");
    }
}
