using Accrue.Data.Incentives;
using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Time;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Incentives;

/// <summary>A run that cannot convert a deal fails, says which rate is missing, and stores no line. (Its own class: the missing rate would fail every run sharing its database.)</summary>
public sealed class IncentiveRunFailureTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    static readonly Period LastQuarter = new FiscalCalendar().Previous(new FiscalCalendar().Containing(Today, PeriodUnit.Quarter));

    [Theory, SqliteData, PostgresData]
    public async Task A_missing_exchange_rate_fails_the_run_with_the_currency_day_and_deal_and_stores_nothing(Database database)
    {
        var app = await apps.On(database);
        await app.Seed.PublishedProgram(Seed.ThreeTiers() with
        {
            Incentives = [new IncentiveRule { Id = "q-rebate", Name = "Rebate", Kind = IncentiveKind.Rebate, Brackets = [new RateBracket(0, 2)] }],
        }, Today.AddYears(-2));
        var partner = await app.Seed.Partner(status: PartnerStatus.Active);
        var deal = await IncentiveRunTests.Won(app, partner, 1_000m, LastQuarter.Start.AddDays(3));
        await using (var db = app.Db())
        {
            db.Attach(deal);
            deal.Currency = "CHF";
            await db.SaveChangesAsync();
        }
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());

        var run = await IncentiveRunTests.Calculate(admin, LastQuarter.Name, expectSuccess: false);

        Assert.Equal(CalculationRunStatus.Failed, run.Status);
        Assert.Contains($"No CHF → USD exchange rate on or before {LastQuarter.Start.AddDays(3):yyyy-MM-dd} (deal {deal.Id})", run.Error);
        await using (var db = app.Db())
        {
            Assert.False(await db.IncentiveLines.AnyAsync(l => l.RunId == run.Id));
        }
    }
}
