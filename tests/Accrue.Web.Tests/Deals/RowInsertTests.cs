using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Deals;

/// <summary>
/// A group of registrations writes its new rows on PostgreSQL without EF Core's change tracking, all tables in one round
/// trip (<see cref="RowCopy.Inserts"/>). What EF Core reads back must be what was written, and what the database refuses
/// must leave nothing behind.
/// </summary>
public sealed class RowInsertTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, PostgresData]
    public async Task Rows_of_several_tables_read_back_as_written_nulls_enums_and_dates_included(Database database)
    {
        var app = await apps.On(database);
        var (partner, rival) = (await app.Seed.Partner(), await app.Seed.Partner());
        var at = new DateTimeOffset(2026, 3, 2, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4560);
        var withContact = NewDeal(partner, DealCalls.Customer(), at);
        withContact.ProtectedUntil = new DateOnly(2026, 5, 31);
        var withoutContact = NewDeal(rival, DealCalls.Customer(), at.AddSeconds(1), contactEmail: null);
        var conflict = new DealConflict
        {
            DealId = withContact.Id, Kind = ConflictKind.SameDomain, RivalDealId = withoutContact.Id, Similarity = 0.9375,
            Explanation = "same domain", RivalStatus = DealStatus.Approved, RivalProtectedUntil = new DateOnly(2026, 6, 1),
        };
        var signal = new DealSignal { DealId = withContact.Id, Kind = SignalKind.RoundAmount, Explanation = "a round amount" };

        await using (var db = app.Db())
            await new RowCopy.Inserts(db).Add([withContact, withoutContact]).Add([conflict]).Add(Array.Empty<DealSignal>()).Add([signal])
                .SaveAsync(CancellationToken.None);

        await using var read = app.Db();
        var deals = await read.Deals.AsNoTracking().Include(d => d.Conflicts).Include(d => d.Signals)
            .Where(d => d.Id == withContact.Id || d.Id == withoutContact.Id).OrderBy(d => d.RegisteredAt).ToListAsync();
        Assert.Equal([withContact.Id, withoutContact.Id], deals.Select(d => d.Id));
        var (first, second) = (deals[0], deals[1]);
        Assert.Equal((at, DealStatus.Submitted, withContact.CustomerName, withContact.ContactEmail, new DateOnly(2026, 5, 31), 1_234_500L, "EUR"),
                     (first.RegisteredAt!.Value, first.Status, first.CustomerName, first.ContactEmail, first.ProtectedUntil!.Value,
                      first.EstimatedAmountMinor, first.Currency));
        Assert.Equal((null, null, Involvement.CoSelling), (second.ContactEmail, second.ProtectedUntil, second.Involvement));
        var stored = Assert.Single(first.Conflicts);
        Assert.Equal((conflict.Id, ConflictKind.SameDomain, withoutContact.Id, 0.9375, DealStatus.Approved, new DateOnly(2026, 6, 1), null),
                     (stored.Id, stored.Kind, stored.RivalDealId, stored.Similarity, stored.RivalStatus, stored.RivalProtectedUntil, stored.VendorOpportunityId));
        Assert.Equal((SignalKind.RoundAmount, "a round amount"), (Assert.Single(first.Signals).Kind, first.Signals[0].Explanation));
        Assert.Empty(second.Conflicts);
    }

    [Theory, PostgresData]
    public async Task A_value_too_long_for_its_column_is_refused_not_cut_and_no_table_keeps_its_rows(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var deal = NewDeal(partner, DealCalls.Customer(), DateTimeOffset.UtcNow);
        var signal = new DealSignal { DealId = deal.Id, Kind = SignalKind.RoundAmount, Explanation = new string('x', 1001) };

        await using (var db = app.Db())
        {
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => new RowCopy.Inserts(db).Add([deal]).Add([signal]).SaveAsync(CancellationToken.None));
            Assert.Contains("1000", refused.Message);
        }

        await using var read = app.Db();
        Assert.False(await read.Deals.AnyAsync(d => d.Id == deal.Id));
    }

    static Deal NewDeal(Data.Partners.Partner partner, string customer, DateTimeOffset at, string? contactEmail = "buyer@example.com")
    {
        var request = DealCalls.Registration(customer, DealCalls.DomainOf(customer)) with
        {
            ContactEmail = contactEmail, EstimatedAmount = 12_345m, Currency = "EUR",
            Involvement = contactEmail is null ? Involvement.CoSelling : Involvement.PartnerSourced,
        };
        var deal = DealRegistration.NewDeal(request, partner.Id, Actor.System, at);
        (deal.Status, deal.RegisteredAt) = (DealStatus.Submitted, at);
        return deal;
    }
}
