using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Deals;

/// <summary>Protection is half-open: on its end day it has lapsed, and the expiry check moves the open deal to Expired.</summary>
public sealed class DealExpiryTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task An_open_deal_expires_on_the_day_its_protection_ends_and_not_the_day_before(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var today = DealCalls.Today;
        var endsToday = await app.Seed.Deal(partner, DealCalls.Customer(), status: DealStatus.Approved, registeredAt: DateTimeOffset.UtcNow.AddDays(-90), protectedUntil: today);
        var endedYesterday = await app.Seed.Deal(partner, DealCalls.Customer(), status: DealStatus.Negotiation, registeredAt: DateTimeOffset.UtcNow.AddDays(-90), protectedUntil: today.AddDays(-1));
        var endsTomorrow = await app.Seed.Deal(partner, DealCalls.Customer(), status: DealStatus.Qualified, registeredAt: DateTimeOffset.UtcNow.AddDays(-90), protectedUntil: today.AddDays(1));
        var wonBefore = await app.Seed.Deal(partner, DealCalls.Customer(), status: DealStatus.Won, registeredAt: DateTimeOffset.UtcNow.AddDays(-90), protectedUntil: today.AddDays(-5));
        var waiting = await app.Seed.Deal(partner, DealCalls.Customer(), status: DealStatus.Submitted);

        int expired;
        await using (var scope = app.Services.CreateAsyncScope())
            expired = await scope.ServiceProvider.GetRequiredService<DealProgress>().ExpireLapsedAsync(CancellationToken.None);

        Assert.Equal(2, expired);
        await using var db = app.Db();
        var statuses = await db.Deals.Where(d => d.PartnerId == partner.Id).ToDictionaryAsync(d => d.Id, d => d.Status);
        Assert.Equal((DealStatus.Expired, DealStatus.Expired, DealStatus.Qualified, DealStatus.Won, DealStatus.Submitted),
                     (statuses[endsToday.Id], statuses[endedYesterday.Id], statuses[endsTomorrow.Id], statuses[wonBefore.Id], statuses[waiting.Id]));
        var audit = await db.AuditEntries.Where(e => e.Action == "DealExpired" && e.PartnerId == partner.Id).ToListAsync();
        Assert.Equal(new[] { endedYesterday.Id.ToString(), endsToday.Id.ToString() }.Order(), audit.Select(e => e.EntityId).Order());
        Assert.Contains(audit, e => e.EntityId == endsToday.Id.ToString() && e.Reason == $"Protection lapsed on {today:yyyy-MM-dd}.");
    }
}
