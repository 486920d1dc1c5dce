using System.Net;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Deals;

/// <summary>Two partners registering one customer, end to end: the later registration is flagged, names the earlier one and waits in the conflicts queue.</summary>
public sealed class DealConflictTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    sealed record Scene(AccrueApp App, HttpClient Admin, Accrue.Data.Partners.Partner A, HttpClient PartnerA, Accrue.Data.Partners.Partner B, HttpClient PartnerB);

    async Task<Scene> Arrange(Database database)
    {
        var app = await apps.On(database);
        var a = await app.Seed.Partner($"Northwind {DealCalls.Letters(5)}");
        var b = await app.Seed.Partner($"Contoso {DealCalls.Letters(5)}");
        return new(app, await app.ClientFor(await app.Seed.ProgramAdmin()), a, await app.ClientFor(await app.Seed.PartnerUserOf(a)),
                   b, await app.ClientFor(await app.Seed.PartnerUserOf(b)));
    }

    static async Task<List<Guid>> ConflictQueue(HttpClient admin) =>
        (await (await admin.GetAsync("/api/v1/deals/queues/conflicts?pageSize=200")).Read<Paged<QueueItem>>()).Items.Select(i => i.Deal.Id).ToList();

    [Theory, SqliteData, PostgresData]
    public async Task A_second_partner_registering_the_same_domain_is_flagged_naming_the_first_and_waits_in_the_conflicts_queue(Database database)
    {
        var (app, admin, a, partnerA, b, partnerB) = await Arrange(database);
        var customer = DealCalls.Customer();
        var domain = DealCalls.DomainOf(customer);

        var first = await partnerA.Register(DealCalls.Registration(customer, $"https://www.{domain}/contact"));
        var second = await partnerB.Register(DealCalls.Registration($"{customer.Split(' ')[0]} Holdings", domain));

        var flagged = await admin.Deal(second.DealId);
        var conflict = Assert.Single(flagged.Conflicts);
        Assert.Equal((ConflictKind.SameDomain, first.DealId, a.Name), (conflict.Kind, conflict.RivalDealId, conflict.RivalPartnerName));
        Assert.StartsWith($"same domain {domain}, registered by {a.Name} on {DealCalls.Today:yyyy-MM-dd}, awaiting approval", conflict.Explanation);
        Assert.True(flagged.Summary.NeedsReview);
        Assert.Empty((await admin.Deal(first.DealId)).Conflicts);
        var queue = await ConflictQueue(admin);
        Assert.Contains(second.DealId, queue);
        Assert.DoesNotContain(first.DealId, queue);
        await using var db = app.Db();
        var stored = await db.Deals.Include(d => d.Conflicts).SingleAsync(d => d.Id == second.DealId);
        Assert.Equal((b.Id, first.DealId), (stored.PartnerId, Assert.Single(stored.Conflicts).RivalDealId));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Partners_registering_one_customer_at_the_same_instant_are_ordered_and_each_later_one_names_every_earlier_one(Database database)
    {
        var app = await apps.On(database);
        var customer = DealCalls.Customer();
        var domain = DealCalls.DomainOf(customer);
        var partners = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
            partners.Add(await app.ClientFor(await app.Seed.PartnerUserOf(await app.Seed.Partner($"Rival {i} {DealCalls.Letters(5)}"))));

        // All at once: without taking turns, two submissions can each screen before the other commits and neither is flagged.
        var outcomes = await Task.WhenAll(partners.Select(p => p.Register(DealCalls.Registration(customer, domain))));

        await using var db = app.Db();
        var ids = outcomes.Select(o => o.DealId).ToList();
        var deals = (await db.Deals.Include(d => d.Conflicts).Where(d => ids.Contains(d.Id)).ToListAsync())
            .OrderBy(d => d.RegisteredAt).ThenBy(d => d.Id).ToList();
        for (var k = 0; k < deals.Count; k++)
            Assert.Equal(deals.Take(k).Select(d => d.Id).Order(), deals[k].Conflicts.Select(c => c.RivalDealId!.Value).Order());
        // Every later one waits for review (the first may too, when the spot audit draws it).
        Assert.All(deals.Skip(1), d => Assert.True(d.NeedsReview));
    }

    public static TheoryData<string, string> NameVariants() => new()
    {
        { "{0} Analytik GmbH", "{0} ANALYTIK" },
        { "{0}é Systems, Inc.", "{0}E Systems LLC" },
        { "{0} Søftware Corp.", "{0} Software" },
    };

    [Theory, MemberData(nameof(NameVariants))]
    public async Task The_same_name_with_another_legal_suffix_case_or_accents_is_the_same_customer(string earlier, string later)
    {
        var (_, admin, a, partnerA, _, partnerB) = await Arrange(Database.Sqlite);
        var word = DealCalls.Customer("").Trim();

        var first = await partnerA.Register(DealCalls.Registration(string.Format(earlier, word)));
        var second = await partnerB.Register(DealCalls.Registration(string.Format(later, word)));

        var conflict = Assert.Single((await admin.Deal(second.DealId)).Conflicts);
        Assert.Equal((first.DealId, a.Name), (conflict.RivalDealId, conflict.RivalPartnerName));
        Assert.Contains(second.DealId, await ConflictQueue(admin));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_first_to_register_is_not_flagged_when_a_rival_registers_the_customer_later(Database database)
    {
        var (_, admin, _, partnerA, b, partnerB) = await Arrange(database);
        var customer = DealCalls.Customer();

        var earlierByB = await partnerB.Register(DealCalls.Registration(customer, DealCalls.DomainOf(customer)));
        var laterByA = await partnerA.Register(DealCalls.Registration(customer, DealCalls.DomainOf(customer)));

        Assert.Equal(b.Name, Assert.Single((await admin.Deal(laterByA.DealId)).Conflicts).RivalPartnerName);
        Assert.Empty((await admin.Deal(earlierByB.DealId)).Conflicts);
        var queue = await ConflictQueue(admin);
        Assert.Contains(laterByA.DealId, queue);
        Assert.DoesNotContain(earlierByB.DealId, queue);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_registration_after_the_vendors_own_opportunity_is_flagged_as_vendor_already_engaged(Database database)
    {
        var (app, admin, _, partnerA, _, _) = await Arrange(database);
        var customer = DealCalls.Customer();
        var opportunity = $"OPP-{DealCalls.Letters(8)}";
        var csv = $"external_id,customer_name,customer_domain,owner,created_on\n" +
                  $"{opportunity},{customer},{DealCalls.DomainOf(customer)},Dana Vendor,{DealCalls.Today.AddDays(-20):yyyy-MM-dd}\n";
        Assert.Equal(new DealImportResult(1, 0, 0), await (await admin.PostCsv("/api/v1/pipeline/import", csv)).Read<DealImportResult>());

        var outcome = await partnerA.Register(DealCalls.Registration(customer.ToUpperInvariant(), DealCalls.DomainOf(customer)));

        var deal = await admin.Deal(outcome.DealId);
        var conflict = Assert.Single(deal.Conflicts);
        Assert.Equal((ConflictKind.VendorPipeline, opportunity, (Guid?)null), (conflict.Kind, conflict.VendorOpportunityId, conflict.RivalDealId));
        Assert.Contains(deal.Signals, s => s.Kind == SignalKind.VendorAlreadyEngaged);
        Assert.Contains(outcome.DealId, await ConflictQueue(admin));
        await using var db = app.Db();
        Assert.Contains(await db.DealSignals.Where(s => s.DealId == outcome.DealId).Select(s => s.Kind).ToListAsync(), k => k == SignalKind.VendorAlreadyEngaged);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_returned_deal_with_a_conflict_is_screened_again_when_resubmitted(Database database)
    {
        var (app, admin, a, partnerA, _, partnerB) = await Arrange(database);
        var customer = DealCalls.Customer();
        var first = await partnerA.Register(DealCalls.Registration(customer, DealCalls.DomainOf(customer)));
        var request = DealCalls.Registration(customer, DealCalls.DomainOf(customer), amount: 40_000m);
        var second = await partnerB.Register(request);
        await (await admin.PostJson($"/api/v1/deals/{second.DealId}/return", new DecisionRequest("Who is your contact there?"))).ShouldBe(HttpStatusCode.OK);

        var resubmitted = await (await partnerB.PutJson($"/api/v1/deals/{second.DealId}", request with { ContactEmail = "cio@" + DealCalls.DomainOf(customer) }))
            .Read<RegistrationOutcome>();

        Assert.Equal(DealStatus.Submitted, resubmitted.Status);
        var deal = await admin.Deal(second.DealId);
        Assert.Equal((first.DealId, a.Name), (Assert.Single(deal.Conflicts).RivalDealId, deal.Conflicts[0].RivalPartnerName));
        Assert.Single(deal.Signals, s => s.Kind == SignalKind.RoundAmount);
        await using var db = app.Db();
        Assert.Equal(1, await db.DealConflicts.CountAsync(c => c.DealId == second.DealId));
    }

    [Fact]
    public async Task A_draft_claims_nothing_and_a_rival_registering_meanwhile_is_not_flagged()
    {
        var (_, admin, _, partnerA, _, partnerB) = await Arrange(Database.Sqlite);
        var customer = DealCalls.Customer();

        await partnerA.Register(DealCalls.Registration(customer, DealCalls.DomainOf(customer), submit: false));
        var rival = await partnerB.Register(DealCalls.Registration(customer, DealCalls.DomainOf(customer)));

        Assert.Empty((await admin.Deal(rival.DealId)).Conflicts);
    }
}
