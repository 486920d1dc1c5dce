using System.Net;
using Accrue.Data.Deals;
using Accrue.Data.Incentives;
using Accrue.Data.Partners;
using Accrue.Data.Tiers;
using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Incentives;

/// <summary>A calculation run reads the period's facts from the database, and stores the engine's lines with what earned them.</summary>
public sealed class IncentiveRunTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    static readonly FiscalCalendar Calendar = new();
    static readonly Period LastQuarter = Calendar.Previous(Calendar.Containing(Today, PeriodUnit.Quarter));

    /// <summary>The tiers of the tier tests, Silver with a 1.5 rebate multiplier, and three quarterly rules.</summary>
    static ProgramDefinition Program() => Seed.ThreeTiers() with
    {
        Tiers = [.. Seed.ThreeTiers().Tiers.Select(t => t.Id == "silver" ? t with { Benefits = t.Benefits with { RebateMultiplier = 1.5m } } : t)],
        Incentives =
        [
            new IncentiveRule
            {
                Id = "q-rebate", Name = "Quarterly rebate", Kind = IncentiveKind.Rebate, ClawbackDays = 90,
                Brackets = [new RateBracket(0, 2), new RateBracket(100_000, 4)],
            },
            new IncentiveRule { Id = "q-accel", Name = "Over target", Kind = IncentiveKind.Accelerator, RatePercent = 5 },
            new IncentiveRule { Id = "paid-spiff", Name = "Paid deal SPIFF", Kind = IncentiveKind.Spiff, SpiffAmount = 500, RequiresPayment = true },
        ],
    };

    [Theory, SqliteData, PostgresData]
    public async Task A_run_stores_the_lines_the_rules_give_for_the_periods_deals_tiers_and_targets(Database database)
    {
        var app = await apps.On(database);
        await app.Seed.PublishedProgram(Program(), Today.AddYears(-2));
        var finance = await app.ClientFor(await app.Seed.Finance());
        var a = await app.Seed.Partner(status: PartnerStatus.Active);
        var b = await app.Seed.Partner(status: PartnerStatus.Active);
        var paid = await Won(app, a, 80_000m, LastQuarter.Start.AddDays(5), paidOn: LastQuarter.Start.AddDays(20));
        var unpaid = await Won(app, a, 70_000m, LastQuarter.Start.AddDays(6));
        // Cancelled within the rebate's 90-day clawback window: earns nothing.
        await Won(app, a, 20_000m, LastQuarter.Start.AddDays(7), reversedOn: LastQuarter.Start.AddDays(17));
        // Won the quarter before: not this period's revenue.
        await Won(app, a, 500_000m, LastQuarter.Start.AddDays(-1));
        await Won(app, b, 10_000m, LastQuarter.Start.AddDays(8));
        await using (var db = app.Db())
        {
            // B was promoted to Silver before the quarter; A is Gold today, but from evaluating the current
            // quarter, after this one started: A was Registered during the quarter.
            db.PartnerTiers.AddRange(new PartnerTier { PartnerId = a.Id, TierId = "gold" }, new PartnerTier { PartnerId = b.Id, TierId = "silver" });
            db.TierChanges.AddRange(
                Change(b, "registered", "silver", LastQuarter.Start.AddDays(-3), Calendar.Previous(LastQuarter).Name),
                Change(a, "registered", "gold", LastQuarter.End.AddDays(1), LastQuarter.Name));
            await db.SaveChangesAsync();
        }
        await (await finance.PutJson("/api/v1/incentives/targets", new[] { new TargetRow(a.Id, LastQuarter.Name, 100_000m) })).ShouldBe(HttpStatusCode.OK);

        var run = await Calculate(finance, LastQuarter.Name);

        Assert.Equal(CalculationRunStatus.Completed, run.Status);
        // Rebate: 100,000 × 2 % + 50,000 × 4 % (the cancelled deal is clawed back). The accelerator has
        // no clawback window, so the cancelled deal still counts: 5 % × (170,000 − 100,000).
        var linesOfA = await Lines(finance, run.Id, a.Id);
        Assert.Equal(
            [("q-rebate", 400_000L, "registered"), ("q-accel", 350_000L, "registered"), ("paid-spiff", 50_000L, "registered")],
            linesOfA.Select(l => (l.RuleId, l.AmountMinor, l.TierId)).OrderBy(l => l.RuleId == "q-rebate" ? 0 : l.RuleId == "q-accel" ? 1 : 2));
        var linesOfB = await Lines(finance, run.Id, b.Id);
        var lineOfB = Assert.Single(linesOfB);
        Assert.Equal(("q-rebate", 30_000L, "silver"), (lineOfB.RuleId, lineOfB.AmountMinor, lineOfB.TierId));

        var rebate = await (await finance.GetAsync($"/api/v1/incentives/lines/{linesOfA.Single(l => l.RuleId == "q-rebate").Id}")).Read<IncentiveLineDetail>();
        Assert.Equal([paid.Id, unpaid.Id], rebate.Deals.Select(d => d.DealId));
        Assert.Contains(rebate.Values, v => v.Name == "eligible revenue" && v.Value == 150_000m);
        Assert.Equal("Quarterly rebate", rebate.Line.RuleName);
        Assert.False(string.IsNullOrWhiteSpace(rebate.Line.Explanation));
        var spiff = await (await finance.GetAsync($"/api/v1/incentives/lines/{linesOfA.Single(l => l.RuleId == "paid-spiff").Id}")).Read<IncentiveLineDetail>();
        Assert.Equal(paid.Id, Assert.Single(spiff.Deals).DealId);

        var summary = await (await finance.GetAsync($"/api/v1/incentives/runs/{run.Id}")).Read<CalculationSummary>();
        Assert.Equal(summary.Rules.Sum(r => r.IsCash ? r.AmountMinor : 0), summary.Run.CashTotalMinor);
        Assert.Equal(["q-rebate", "q-accel", "paid-spiff"], summary.Rules.Select(r => r.RuleId).Where(id => id is "q-rebate" or "q-accel" or "paid-spiff"));
        Assert.Contains(summary.Tiers, t => t.TierId == "silver" && t.CashMinor >= 30_000);

        // Searching and paging: the partner's name finds its lines.
        var found = await (await finance.GetAsync($"/api/v1/incentives/runs/{run.Id}/lines?search={Uri.EscapeDataString(a.Name)}&pageSize=2")).Read<Paged<IncentiveLineView>>();
        Assert.Equal((3, 2), (found.Total, found.Items.Count));

        await using (var db = app.Db())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == "IncentiveCalculationCompleted" && e.EntityId == run.Id.ToString());
            Assert.Contains(LastQuarter.Name, entry.After);
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task Partners_cannot_see_runs_or_lines_and_partner_managers_cannot_start_a_run(Database database)
    {
        var app = await apps.On(database);
        await app.Seed.PublishedProgram(Program(), Today.AddYears(-2));
        var partner = await app.Seed.Partner(status: PartnerStatus.Active);
        await Won(app, partner, 10_000m, LastQuarter.Start.AddDays(8));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var run = await Calculate(admin, LastQuarter.Name);
        var line = Assert.Single(await Lines(admin, run.Id, partner.Id));

        var portal = await app.ClientFor(await app.Seed.PartnerAdminOf(partner));
        await (await portal.GetAsync("/api/v1/incentives/runs")).ShouldBe(HttpStatusCode.Forbidden);
        await (await portal.GetAsync($"/api/v1/incentives/runs/{run.Id}/lines")).ShouldBe(HttpStatusCode.Forbidden);
        await (await portal.GetAsync($"/api/v1/incentives/lines/{line.Id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await portal.PostJson("/api/v1/incentives/runs", new StartCalculationRequest(LastQuarter.Name))).ShouldBe(HttpStatusCode.Forbidden);

        var manager = await app.ClientFor(await app.Seed.PartnerManager());
        await (await manager.PostJson("/api/v1/incentives/runs", new StartCalculationRequest(LastQuarter.Name))).ShouldBe(HttpStatusCode.Forbidden);
        await (await manager.PutJson("/api/v1/incentives/targets", new[] { new TargetRow(partner.Id, LastQuarter.Name, 1m) })).ShouldBe(HttpStatusCode.Forbidden);
        // A manager reads runs, but only the lines of the partners it manages: none here.
        await (await manager.GetAsync($"/api/v1/incentives/runs/{run.Id}")).ShouldBe(HttpStatusCode.OK);
        await (await manager.GetAsync($"/api/v1/incentives/lines/{line.Id}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Bad_requests_are_refused_with_the_field_and_bad_targets_save_nothing(Database database)
    {
        var app = await apps.On(database);
        await app.Seed.PublishedProgram(Program(), Today.AddYears(-2));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var partner = await app.Seed.Partner(status: PartnerStatus.Active);
        var next = Calendar.Next(Calendar.Containing(Today, PeriodUnit.Quarter));

        var future = await (await admin.PostJson("/api/v1/incentives/runs", new StartCalculationRequest(next.Name))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("nothing can have been earned", future.Errors!["period"][0]);
        var nonsense = await (await admin.PostJson("/api/v1/incentives/runs", new StartCalculationRequest("last quarter"))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("2026-Q3", nonsense.Errors!["period"][0]);
        var yearly = await (await admin.PostJson("/api/v1/incentives/runs", new StartCalculationRequest(LastQuarter.Start.Year.ToString()))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("no incentive rule of year cadence", yearly.Errors!["period"][0]);
        var asOf = await (await admin.PostJson("/api/v1/incentives/runs", new StartCalculationRequest(LastQuarter.Name, Today.AddDays(1)))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("not after today", asOf.Errors!["asOf"][0]);

        var targets = new[] { new TargetRow(partner.Id, LastQuarter.Name, 1_000m), new TargetRow(partner.Id, "someday", -5m), new TargetRow(partner.Id, LastQuarter.Name, 1.005m) };
        var refused = await (await admin.PutJson("/api/v1/incentives/targets", targets)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["rows[1]", "rows[2]"], refused.Errors!.Keys.Order());
        Assert.Contains("more decimals than USD's 2", string.Join(" ", refused.Errors["rows[2]"]));
        Assert.Contains("not a period", string.Join(" ", refused.Errors["rows[1]"]));
        Assert.Empty(await (await admin.GetAsync($"/api/v1/incentives/targets?period={LastQuarter.Name}")).Read<IReadOnlyList<TargetView>>());
    }

    internal static async Task<Deal> Won(AccrueApp app, Partner partner, decimal amount, DateOnly closedOn, DateOnly? paidOn = null, DateOnly? reversedOn = null)
    {
        var deal = await app.Seed.WonDeal(partner, amount, closedOn);
        await using var db = app.Db();
        db.Attach(deal);
        (deal.PaidOn, deal.ReversedOn) = (paidOn, reversedOn);
        await db.SaveChangesAsync();
        return deal;
    }

    static TierChange Change(Partner partner, string from, string to, DateOnly decidedOn, string period) => new()
    {
        PartnerId = partner.Id, FromTierId = from, ToTierId = to, Kind = TierChangeKind.Promotion, Period = period, Reason = "tests",
        DecidedAt = new DateTimeOffset(decidedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), DecidedBy = "tests",
    };

    static async Task<IReadOnlyList<IncentiveLineView>> Lines(HttpClient client, Guid runId, Guid partnerId) =>
        (await (await client.GetAsync($"/api/v1/incentives/runs/{runId}/lines?partnerId={partnerId}&pageSize=200")).Read<Paged<IncentiveLineView>>()).Items;

    /// <summary>Starts a calculation and waits for it to finish (it runs in the background).</summary>
    internal static async Task<CalculationRunView> Calculate(HttpClient client, string period, bool expectSuccess = true)
    {
        var started = await (await client.PostJson("/api/v1/incentives/runs", new StartCalculationRequest(period))).Read<CalculationRunView>(HttpStatusCode.Accepted);
        for (var wait = 0; wait < 300; wait++)
        {
            var run = (await (await client.GetAsync($"/api/v1/incentives/runs/{started.Id}")).Read<CalculationSummary>()).Run;
            if (run.Status != CalculationRunStatus.Running)
            {
                if (expectSuccess) Assert.Null(run.Error);
                return run;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The calculation of {period} did not finish within 30 seconds.");
    }
}
