using System.Net;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Payouts;

/// <summary>A period's liability adds up: accrued = unstated + draft + approved + paid, by rule and partner.</summary>
public sealed class ReconciliationTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task Accrued_cash_is_accounted_for_as_stated_paid_and_owed_by_rule_and_partner(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database));
        await s.StateAsync();
        var acme = await s.StatementOf(s.Acme);
        await (await s.Finance.PostAsync($"/api/v1/payouts/statements/{acme.Id}/approval", null)).ShouldBe(HttpStatusCode.OK);
        await (await s.Finance.PostJson($"/api/v1/payouts/statements/{acme.Id}/payment", new PaymentRequest("PAY-9", new DateOnly(2026, 10, 15)))).ShouldBe(HttpStatusCode.OK);

        var report = await (await s.Finance.GetAsync($"/api/v1/payouts/reconciliation?period={PayoutScenario.LastQuarter.Name}")).Read<Reconciliation>();

        // Acme 3,000 paid; Birch 400 on a draft; funds 1 % of 150,000 and of 20,000.
        Assert.True(report.Reconciles, string.Join(" ", report.Differences));
        Assert.Equal((340_000L, 170_000L, 340_000L, 300_000L, 40_000L),
                     (report.Total.AccruedMinor, report.Total.FundMinor, report.Total.StatedMinor, report.Total.PaidMinor, report.Total.OwedMinor));
        var rebate = Assert.Single(report.ByRule, r => r.Key == "q-rebate");
        Assert.Equal(("Quarterly rebate", 340_000L, 300_000L), (rebate.Name, rebate.AccruedMinor, rebate.PaidMinor));
        Assert.Equal(40_000L, Assert.Single(report.ByPartner, p => p.Key == s.Birch.Id.ToString()).OwedMinor);
        Assert.Contains(report.Differences, d => d.Contains("$400 is on draft statements waiting for approval (1)"));

        await (await s.Finance.GetAsync("/api/v1/payouts/reconciliation?period=1999-Q1")).ShouldBe(HttpStatusCode.BadRequest);
        var manager = await s.App.ClientFor(await s.App.Seed.PartnerManager());
        await (await manager.GetAsync($"/api/v1/payouts/reconciliation?period={PayoutScenario.LastQuarter.Name}")).ShouldBe(HttpStatusCode.Forbidden);
    }
}
