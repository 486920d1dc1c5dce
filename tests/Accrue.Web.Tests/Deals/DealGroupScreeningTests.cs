using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Deals;

/// <summary>
/// Registrations that arrive together are screened together (RegistrationQueue): each must find what it
/// would have found had those before it been screened and committed one at a time.
/// </summary>
public sealed class DealGroupScreeningTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task Deals_screened_as_one_group_find_what_they_find_screened_and_saved_one_after_another(Database database)
    {
        var app = await apps.On(database);
        var (a, b, c) = (await app.Seed.Partner($"Alder {DealCalls.Letters(5)}"), await app.Seed.Partner($"Birch {DealCalls.Letters(5)}"),
                         await app.Seed.Partner($"Cedar {DealCalls.Letters(5)}"));
        var claimed = DealCalls.Customer();
        var held = await app.Seed.Deal(b, claimed, DealCalls.DomainOf(claimed));
        var vendors = DealCalls.Customer();
        var opportunity = await app.Seed.PipelineOpportunity(vendors);
        var contact = $"buyer@{DealCalls.Letters(8)}.example";

        var group = new List<(Data.Partners.Partner Partner, RegisterDealRequest Request)>
        {
            (a, DealCalls.Registration(claimed)),                                            // names b's registration in the database
            (c, DealCalls.Registration(claimed.ToUpperInvariant() + " LLC", DealCalls.DomainOf(claimed))), // and the one just before it
            (a, DealCalls.Registration(vendors)),                                            // the vendor's own opportunity
            (b, DealCalls.Registration(DealCalls.Customer(), contactEmail: contact)),
            (c, DealCalls.Registration(DealCalls.Customer(), contactEmail: contact)),        // the contact b named just before
        };
        // A burst of round amounts: a's history is the group's own earlier deals.
        for (var i = 0; i < 6; i++) group.Add((a, DealCalls.Registration(DealCalls.Customer(), amount: 100_000m)));

        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero).AddHours(-1);
        var deals = group.Select((g, i) =>
        {
            var deal = DealRegistration.NewDeal(g.Request, g.Partner.Id, Actor.System, start);
            (deal.Status, deal.RegisteredAt) = (DealStatus.Submitted, start.AddSeconds(i));
            return deal;
        }).ToList();
        var screening = app.Services.GetRequiredService<DealScreening>();

        await screening.ScreenAsync(deals, transaction: null, CancellationToken.None);
        var together = deals.Select(Findings).ToList();
        foreach (var deal in deals)
        {
            await screening.ScreenAsync([deal], transaction: null, CancellationToken.None);
            await using var db = app.Db();
            db.Deals.Add(deal);
            await db.SaveChangesAsync();
        }
        var oneByOne = deals.Select(Findings).ToList();

        Assert.Equal(oneByOne, together);
        // What the group had to find, so that the comparison is not of two empty lists.
        Assert.Equal([held.Id], deals[0].Conflicts.Select(f => f.RivalDealId));
        Assert.Equal([held.Id, deals[0].Id], deals[1].Conflicts.Select(f => f.RivalDealId));
        Assert.Equal(opportunity.ExternalId, Assert.Single(deals[2].Conflicts).VendorOpportunityId);
        Assert.Contains(deals[4].Signals, s => s.Kind == SignalKind.SharedCustomerContact && s.Explanation.Contains(b.Name));
        Assert.Contains(deals[^1].Signals, s => s.Kind == SignalKind.RegistrationBurst);
        Assert.DoesNotContain(deals[0].Signals, s => s.Kind == SignalKind.RegistrationBurst);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_registration_that_cannot_be_saved_fails_alone_and_the_others_queued_with_it_are_saved(Database database)
    {
        var app = await apps.On(database);
        var (partner, user, actor, queue) = await DealCalls.Queuing(app);
        // Every fifth names a partner that does not exist: the database refuses it (foreign key), and with it the group it went in.
        var registrations = Enumerable.Range(0, 20)
            .Select(i => new NewRegistration(actor, i % 5 == 2 ? Guid.NewGuid() : partner.Id, DealCalls.Registration(DealCalls.Customer()),
                                             user.Id.ToString(), IdempotencyKey: null, RequestHash: $"{i}"))
            .ToList();

        // All queued before any answer is awaited, so that they go in groups.
        var answers = registrations.Select(queue.RegisterAsync).ToList();
        var outcomes = await Task.WhenAll(answers.Select(async answer =>
        {
            try { return (await answer).DealId; }
            catch (DbUpdateException) { return (Guid?)null; }
        }));

        Assert.Equal(registrations.Select(r => r.PartnerId == partner.Id), outcomes.Select(o => o is not null));
        await using var db = app.Db();
        var saved = outcomes.OfType<Guid>().ToList();
        Assert.Equal(16, await db.Deals.CountAsync(d => saved.Contains(d.Id) && d.Status == DealStatus.Submitted));
    }

    static string Findings(Deal deal) => string.Join('\n',
    [
        .. deal.Conflicts.Select(f => $"{f.Kind} {f.RivalDealId} {f.VendorOpportunityId} {f.RivalPartnerName} {f.RivalRegisteredAt:O}: {f.Explanation}"),
        .. deal.Signals.Select(s => $"{s.Kind}: {s.Explanation}"),
        $"spot audit {deal.SpotAudit}, review {deal.NeedsReview}",
    ]);
}
