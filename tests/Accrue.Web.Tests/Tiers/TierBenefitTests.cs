using Accrue.Data;
using Accrue.Engine.Deals;
using Accrue.Engine.Partners;
using Accrue.Web.Features.Deals;
using Accrue.Web.Features.Tiers;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Tiers;

/// <summary>A tier's benefits reach the rest of the program: deal protection follows the partner's tier.</summary>
public sealed class TierBenefitTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory, SqliteData, PostgresData]
    public async Task An_approved_deal_is_protected_for_its_partners_tier_days_or_the_program_default(Database database)
    {
        var app = await apps.On(database);
        var program = Seed.ThreeTiers();
        program = program with { Tiers = [program.Tiers[0], program.Tiers[1] with { Benefits = program.Tiers[1].Benefits with { DealProtectionDays = 120 } }, program.Tiers[2]] };
        await app.Seed.PublishedProgram(program, Today.AddYears(-1));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var silver = await app.Seed.Partner(status: PartnerStatus.Active);
        var entry = await app.Seed.Partner(status: PartnerStatus.Active);
        await (await admin.PostJson($"/api/v1/partners/{silver.Id}/tier-override", new TierOverrideRequest("silver", "Signed the Silver agreement", null)))
            .ShouldBe(System.Net.HttpStatusCode.OK);
        var silverDeal = await app.Seed.Deal(silver, DealCalls.Customer());
        var entryDeal = await app.Seed.Deal(entry, DealCalls.Customer());

        var approvedSilver = await (await admin.PostJson($"/api/v1/deals/{silverDeal.Id}/approval", new DecisionRequest(null, null))).Read<DealDetail>();
        var approvedEntry = await (await admin.PostJson($"/api/v1/deals/{entryDeal.Id}/approval", new DecisionRequest(null, null))).Read<DealDetail>();

        Assert.Equal(Today.AddDays(120), approvedSilver.Summary.ProtectedUntil);
        Assert.Equal(Today.AddDays(90), approvedEntry.Summary.ProtectedUntil);
    }
}
