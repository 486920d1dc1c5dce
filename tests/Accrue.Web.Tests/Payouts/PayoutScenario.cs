using System.Net;
using Accrue.Data.Incentives;
using Accrue.Data.Partners;
using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Incentives;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Payouts;

/// <summary>A calculated and posted quarter: an admin runs and posts it, finance states it; two partners with won deals.</summary>
sealed class PayoutScenario
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    public static readonly Period LastQuarter = new FiscalCalendar().Previous(new FiscalCalendar().Containing(Today, PeriodUnit.Quarter));

    public static ProgramDefinition Program => Seed.ThreeTiers() with
    {
        Incentives =
        [
            new IncentiveRule { Id = "q-rebate", Name = "Quarterly rebate", Kind = IncentiveKind.Rebate, Brackets = [new RateBracket(0, 2)], ClawbackDays = 90 },
            new IncentiveRule { Id = "mdf", Name = "Fund accrual", Kind = IncentiveKind.FundAccrual, RatePercent = 1 },
        ],
    };

    public required AccrueApp App { get; init; }
    public required HttpClient Admin { get; init; }
    public required HttpClient Finance { get; init; }
    public required Partner Acme { get; init; }
    public required Partner Birch { get; init; }
    public required CalculationRunView Run { get; init; }

    /// <summary>Acme won 100,000 and 50,000 (rebate 3,000), Birch 20,000 (rebate 400), in the last quarter; calculated and posted by the admin.</summary>
    public static async Task<PayoutScenario> StartAsync(AccrueApp app, bool post = true)
    {
        await app.Seed.PublishedProgram(Program, Today.AddYears(-2));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var finance = await app.ClientFor(await app.Seed.Finance());
        var acme = await app.Seed.Partner(status: PartnerStatus.Active);
        var birch = await app.Seed.Partner(status: PartnerStatus.Active);
        await IncentiveRunTests.Won(app, acme, 100_000m, LastQuarter.Start.AddDays(5));
        await IncentiveRunTests.Won(app, acme, 50_000m, LastQuarter.Start.AddDays(6));
        await IncentiveRunTests.Won(app, birch, 20_000m, LastQuarter.Start.AddDays(7));
        var run = await IncentiveRunTests.Calculate(admin, LastQuarter.Name);
        if (post)
        {
            var posted = await (await admin.PostJson("/api/v1/ledger/postings", new PostRunRequest(run.Id))).Read<PostingResult>();
            Assert.True(posted.Transactions > 0, posted.Message);
        }
        return new PayoutScenario { App = app, Admin = admin, Finance = finance, Acme = acme, Birch = birch, Run = run };
    }

    public async Task<StatementsCreated> StateAsync() =>
        await (await Finance.PostJson("/api/v1/payouts/statements", new CreateStatementsRequest(LastQuarter.Name))).Read<StatementsCreated>();

    public async Task<StatementView> StatementOf(Partner partner) =>
        Assert.Single((await (await Finance.GetAsync($"/api/v1/payouts/statements?partnerId={partner.Id}&period={LastQuarter.Name}&status=Draft"))
            .Read<Paged<StatementView>>()).Items);
}
