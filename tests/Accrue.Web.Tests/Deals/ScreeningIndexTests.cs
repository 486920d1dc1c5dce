using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Deals;

/// <summary>
/// Screening compares submissions with registrations and the vendor's pipeline kept in memory (ScreeningIndex); the database
/// stays the truth. These change deals and opportunities behind the app's back, as another instance of the app or an import would, and check that the next screening
/// sees each change.
/// </summary>
public sealed class ScreeningIndexTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task Screening_sees_deals_changed_by_another_writer_since_its_last_look(Database database)
    {
        var app = await apps.On(database);
        var (mine, other) = (await app.Seed.Partner(), await app.Seed.Partner());
        var (first, second) = (DealCalls.Customer(), DealCalls.Customer());
        var held = await app.Seed.Deal(other, first, DealCalls.DomainOf(first));
        Assert.Equal([held.Id], await RivalsFound(app, mine, first));

        // Rejected elsewhere: no longer a claim. Then moved to another customer: a claim there.
        await Change(app, held.Id, d => d.Status = DealStatus.Rejected);
        Assert.Empty(await RivalsFound(app, mine, first));
        await Change(app, held.Id, d =>
        {
            var (key, block, domain) = CustomerKeys.For(second, DealCalls.DomainOf(second));
            (d.Status, d.CustomerName, d.CustomerNameKey, d.CustomerNameBlock, d.CustomerDomain) = (DealStatus.Submitted, second, key, block, domain);
        });
        Assert.Empty(await RivalsFound(app, mine, first));
        Assert.Equal([held.Id], await RivalsFound(app, mine, second));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Rivals_come_from_the_name_s_block_and_the_domain_once_each_and_never_from_the_partner_itself(Database database)
    {
        var app = await apps.On(database);
        var (mine, other, third) = (await app.Seed.Partner(), await app.Seed.Partner(), await app.Seed.Partner());
        var (customer, renamed) = (DealCalls.Customer(), DealCalls.Customer());
        var domain = DealCalls.DomainOf(customer);
        var hoursAgo = (int hours) => DateTimeOffset.UtcNow.AddHours(-hours);
        var byName = await app.Seed.Deal(other, customer, DealCalls.DomainOf(renamed), registeredAt: hoursAgo(4));
        var byDomain = await app.Seed.Deal(third, renamed, domain, registeredAt: hoursAgo(3));
        var byBoth = await app.Seed.Deal(third, customer, domain, registeredAt: hoursAgo(2));
        await app.Seed.Deal(mine, customer, domain, registeredAt: hoursAgo(1));

        Assert.Equal([byName.Id, byDomain.Id, byBoth.Id], await RivalsFound(app, mine, customer));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_deal_committed_after_a_look_by_a_transaction_already_running_then_is_seen_at_the_next_look(Database database)
    {
        var app = await apps.On(database);
        var (mine, other) = (await app.Seed.Partner(), await app.Seed.Partner());
        var customer = DealCalls.Customer();

        // The other writer's transaction has written (on PostgreSQL it has its transaction id) before the look and commits after it;
        // a later transaction commits before the look, so that on PostgreSQL the look's snapshot lists the first as still running.
        await using var writer = app.Db();
        await using var transaction = await writer.Database.BeginTransactionAsync();
        var late = Submitted(other, customer, DateTimeOffset.UtcNow.AddMinutes(-5));
        writer.Deals.Add(late);
        await writer.SaveChangesAsync();
        if (database == Database.Postgres) await app.Seed.Deal(other, DealCalls.Customer());
        Assert.Empty(await RivalsFound(app, mine, DealCalls.Customer()));
        await transaction.CommitAsync();

        Assert.Equal([late.Id], await RivalsFound(app, mine, customer));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Screening_sees_the_vendor_s_pipeline_as_imported_and_changed_since_its_last_look(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var (first, second) = (DealCalls.Customer(), DealCalls.Customer());
        Assert.Empty(await VendorOpportunitiesFound(app, partner, first));

        var externalId = "CRM-" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = app.Db())
        {
            var (key, block, domain) = CustomerKeys.For(first, DealCalls.DomainOf(first));
            db.PipelineOpportunities.Add(new PipelineOpportunity
            {
                ExternalId = externalId, CustomerName = first, CustomerNameKey = key, CustomerNameBlock = block, CustomerDomain = domain,
                Owner = "Jane Roe", CreatedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal([externalId], await VendorOpportunitiesFound(app, partner, first));

        await using (var db = app.Db())
        {
            var opportunity = await db.PipelineOpportunities.SingleAsync(o => o.ExternalId == externalId);
            (opportunity.CustomerName, opportunity.CustomerNameKey, opportunity.CustomerNameBlock, opportunity.CustomerDomain) =
                CustomerKeys.For(second, DealCalls.DomainOf(second)) is var (key, block, domain) ? (second, key, block, domain) : default;
            await db.SaveChangesAsync();
        }
        Assert.Empty(await VendorOpportunitiesFound(app, partner, first));
        Assert.Equal([externalId], await VendorOpportunitiesFound(app, partner, second));
    }

    /// <summary>Screens a submission of the customer for the partner, outside any transaction, and gives the rivals it conflicts with.</summary>
    static async Task<List<Guid?>> RivalsFound(AccrueApp app, Data.Partners.Partner partner, string customer) =>
        (await Screened(app, partner, customer)).Conflicts.Where(c => c.RivalDealId is not null).Select(c => c.RivalDealId).ToList();

    /// <summary>The same, giving the vendor's opportunities it conflicts with.</summary>
    static async Task<List<string?>> VendorOpportunitiesFound(AccrueApp app, Data.Partners.Partner partner, string customer) =>
        (await Screened(app, partner, customer)).Conflicts.Where(c => c.Kind == ConflictKind.VendorPipeline).Select(c => c.VendorOpportunityId).ToList();

    static async Task<Deal> Screened(AccrueApp app, Data.Partners.Partner partner, string customer)
    {
        var deal = Submitted(partner, customer, DateTimeOffset.UtcNow);
        await app.Services.GetRequiredService<DealScreening>().ScreenAsync([deal], transaction: null, CancellationToken.None);
        return deal;
    }

    static async Task Change(AccrueApp app, Guid id, Action<Deal> change)
    {
        await using var db = app.Db();
        change(await db.Deals.SingleAsync(d => d.Id == id));
        await db.SaveChangesAsync();
    }

    static Deal Submitted(Data.Partners.Partner partner, string customer, DateTimeOffset at)
    {
        var deal = DealRegistration.NewDeal(DealCalls.Registration(customer, DealCalls.DomainOf(customer)), partner.Id, Actor.System, at);
        (deal.Status, deal.RegisteredAt) = (DealStatus.Submitted, at);
        return deal;
    }
}
