using System.Net;
using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Features.Program;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Incentives;

/// <summary>The draft's rules against the published version's, on the same data, without storing anything.</summary>
public sealed class IncentiveWhatIfTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    static readonly Period LastQuarter = new FiscalCalendar().Previous(new FiscalCalendar().Containing(Today, PeriodUnit.Quarter));

    static ProgramDefinition WithRebate(decimal low, decimal high) => Seed.ThreeTiers() with
    {
        Incentives = [new IncentiveRule { Id = "q-rebate", Name = "Quarterly rebate", Kind = IncentiveKind.Rebate, Brackets = [new RateBracket(0, low), new RateBracket(100_000, high)] }],
    };

    [Theory, SqliteData, PostgresData]
    public async Task Doubling_the_rebate_in_the_draft_shows_its_cost_per_rule_and_the_partners_who_gain(Database database)
    {
        var app = await apps.On(database);
        await app.Seed.PublishedProgram(WithRebate(2, 4), Today.AddYears(-2));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var partner = await app.Seed.Partner(status: PartnerStatus.Active);
        await app.Seed.WonDeal(partner, 150_000m, LastQuarter.Start.AddDays(10));
        await (await admin.PutJson("/api/v1/program/draft", new DraftRequest(ProgramFile.Write(WithRebate(4, 8)), "Double the rebate", null))).ShouldBe(HttpStatusCode.OK);

        var report = await (await admin.GetAsync($"/api/v1/incentives/what-if?period={LastQuarter.Name}")).Read<IncentiveWhatIfReport>();

        // 100,000 × 2 % + 50,000 × 4 % = 4,000 published; twice that in the draft.
        var rebate = Assert.Single(report.Rules);
        Assert.Equal(("q-rebate", 400_000L, 800_000L), (rebate.Key, rebate.Published, rebate.Draft));
        Assert.Equal((400_000L, 800_000L), (report.Cash.Published, report.Cash.Draft));
        var mover = Assert.Single(report.Movers);
        Assert.Equal((partner.Id, 400_000L, 800_000L), (mover.PartnerId, mover.Published, mover.Draft));
        Assert.Equal((1, 0), (report.Gainers, report.Losers));

        var bad = await (await admin.GetAsync("/api/v1/incentives/what-if?period=soon")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("not a period", bad.Errors!["period"][0]);
        var portal = await app.ClientFor(await app.Seed.PartnerUserOf(partner));
        await (await portal.GetAsync($"/api/v1/incentives/what-if?period={LastQuarter.Name}")).ShouldBe(HttpStatusCode.Forbidden);
    }
}
