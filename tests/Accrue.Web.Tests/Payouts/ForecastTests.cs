using System.Net;
using Accrue.Data.Partners;
using Accrue.Engine.Deals;
using Accrue.Engine.Partners;
using Accrue.Engine.Time;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Payouts;

/// <summary>The current period's accruals so far beside the forecast with the weighted open pipeline.</summary>
public sealed class ForecastTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task The_forecast_adds_the_open_pipeline_expected_to_close_in_the_period_at_its_stage_weight(Database database)
    {
        var app = await apps.On(database);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var quarter = new FiscalCalendar().Containing(today, PeriodUnit.Quarter);
        await app.Seed.PublishedProgram(PayoutScenario.Program, today.AddYears(-2));
        var acme = await app.Seed.Partner(status: PartnerStatus.Active);
        await app.Seed.WonDeal(acme, 10_000m, quarter.Start);
        await Open(app, acme, DealStatus.Proposal, 20_000_00, quarter.End.AddDays(-1));       // 50 %: 10,000
        await Open(app, acme, DealStatus.Negotiation, 8_000_00, quarter.Start);              // 75 %: 6,000 (on today if its date has passed)
        await Open(app, acme, DealStatus.Submitted, 50_000_00, quarter.End.AddDays(-1));     // not approved: not pipeline
        await Open(app, acme, DealStatus.Qualified, 40_000_00, quarter.End);                 // expected after the period

        var finance = await app.ClientFor(await app.Seed.Finance());
        var forecast = await (await finance.GetAsync("/api/v1/payouts/forecast")).Read<AccrualForecast>();
        Assert.Equal((quarter.Name, 2), (forecast.Period, forecast.PipelineDeals));
        // The rebate is 2 %, the fund accrual 1 %: of 10,000 won so far, and of 26,000 with the weighted pipeline.
        Assert.Equal((20_000L, 52_000L), (forecast.Cash.ActualMinor, forecast.Cash.ForecastMinor));
        Assert.Equal((10_000L, 26_000L), (forecast.Funds.ActualMinor, forecast.Funds.ForecastMinor));
        var rebate = Assert.Single(forecast.Rules, r => r.Key == "q-rebate");
        Assert.Equal((20_000L, 52_000L), (rebate.ActualMinor, rebate.ForecastMinor));
        Assert.Equal(0, forecast.PostedMinor);

        var ended = await (await finance.GetAsync($"/api/v1/payouts/forecast?period={new FiscalCalendar().Previous(quarter).Name}")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("has ended", Assert.Single(ended.Errors!["period"]));
        var portal = await app.ClientFor(await app.Seed.PartnerUserOf(acme));
        await (await portal.GetAsync("/api/v1/payouts/forecast")).ShouldBe(HttpStatusCode.Forbidden);
    }

    static async Task Open(AccrueApp app, Partner partner, DealStatus status, long estimateMinor, DateOnly expectedClose)
    {
        var deal = await app.Seed.Deal(partner, $"Prospect {Guid.NewGuid():N}", status: status);
        await using var db = app.Db();
        db.Attach(deal);
        (deal.EstimatedAmountMinor, deal.ExpectedCloseOn) = (estimateMinor, expectedClose);
        await db.SaveChangesAsync();
    }
}
