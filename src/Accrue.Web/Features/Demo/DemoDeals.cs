using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Deals;
using Accrue.Data.Partners;
using Accrue.Engine.Deals;
using Accrue.Engine.Partners;
using Accrue.Web.Features.Deals;
using Bogus;
using Microsoft.EntityFrameworkCore;
using MoneyValue = Accrue.Engine.Money.Money;

namespace Accrue.Web.Features.Demo;

/// <summary>
/// Eight quarters of deal history for the demo partners, the vendor's pipeline, and a batch of
/// recent submissions screened by the real rules, so conflicts and flags arise as they would.
/// </summary>
public sealed class DemoDeals(AccrueStorage storage, DealScreening screening, TimeProvider clock)
{
    static readonly string[] Products = ["Analytics", "Security", "Cloud Platform", "Data Integration", "Observability", "Identity"];
    static readonly string[] LostReasons = ["Chose a competitor", "No budget this year", "Project cancelled", "Went with the incumbent", "Price"];
    readonly Random payments = new(20261205);

    sealed record Customer(string Name, string Domain, string Country);

    public async Task SeedAsync(Guid homePartnerId, CancellationToken ct)
    {
        var faker = new Faker("en") { Random = new Randomizer(20261124) };
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var db = storage.Create(Actor.System);
        var partners = await db.Partners.Where(p => p.Status == PartnerStatus.Active || p.Status == PartnerStatus.Suspended || p.Status == PartnerStatus.Exited)
            .OrderBy(p => p.Id).ToListAsync(ct);
        var managers = await db.Users.Where(u => u.PartnerId == null).ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        var customers = Customers(faker, 900);

        foreach (var partner in partners)
        {
            // A few large partners and a long tail, as in real programs.
            var count = partner.Id == homePartnerId ? 18 : (int)(2 + 38 * Math.Pow(faker.Random.Double(), 3));
            for (var i = 0; i < count; i++)
            {
                var registeredDaysAgo = faker.Random.Int(5, 730);
                if (partner.JoinedOn > today.AddDays(-registeredDaysAgo)) continue;
                var deal = HistoricDeal(faker, partner, faker.PickRandom(customers), now.AddDays(-registeredDaysAgo).AddHours(-faker.Random.Int(0, 20)), today);
                db.Deals.Add(deal);
                AddTimeline(db, deal, partner, partner.ManagerId is { } m && managers.TryGetValue(m, out var email) ? email : "admin@accrue.demo");
            }
        }
        foreach (var customer in customers.Take(60))
        {
            var (key, block, _) = CustomerKeys.For(customer.Name, null);
            db.PipelineOpportunities.Add(new PipelineOpportunity
            {
                ExternalId = $"OPP-{faker.Random.Int(10000, 99999)}-{block}", CustomerName = customer.Name, CustomerNameKey = key,
                CustomerNameBlock = block, CustomerDomain = customer.Domain, Owner = faker.Name.FullName(), CreatedOn = today.AddDays(-faker.Random.Int(20, 200)),
            });
        }
        await db.SaveChangesAsync(ct);
        await SubmitRecent(faker, partners, customers, homePartnerId, now, ct);
    }

    static List<Customer> Customers(Faker faker, int count)
    {
        var names = new HashSet<string>();
        var customers = new List<Customer>();
        while (customers.Count < count)
        {
            var name = faker.Company.CompanyName() + faker.PickRandom("", "", " Inc", " GmbH", " Ltd", " LLC", " S.A.");
            var key = CompanyNames.Normalize(name);
            if (key.Length == 0 || !names.Add(key)) continue;
            customers.Add(new Customer(name, new string(key.Where(char.IsAsciiLetterOrDigit).ToArray()) + ".example", faker.PickRandom("US", "DE", "GB", "FR", "JP", "BR", "AU", "NL")));
        }
        return customers;
    }

    Deal HistoricDeal(Faker faker, Partner partner, Customer customer, DateTimeOffset registeredAt, DateOnly today)
    {
        var registeredOn = DateOnly.FromDateTime(registeredAt.UtcDateTime);
        var age = today.DayNumber - registeredOn.DayNumber;
        var currency = partner.Region == Region.Europe ? "EUR" : "USD";
        // Log-uniform between 5,000 and 400,000: many small deals, a few large ones.
        var amount = MoneyValue.FromDecimal(Math.Round((decimal)(50 * Math.Pow(80, faker.Random.Double()))) * 100, currency);
        var status = age > 150
            ? faker.Random.WeightedRandom([DealStatus.Won, DealStatus.Lost, DealStatus.Expired, DealStatus.Rejected], [0.45f, 0.35f, 0.12f, 0.08f])
            : faker.Random.WeightedRandom([DealStatus.Approved, DealStatus.Qualified, DealStatus.Proposal, DealStatus.Negotiation, DealStatus.Won, DealStatus.Lost],
                                          [0.25f, 0.2f, 0.2f, 0.15f, 0.12f, 0.08f]);
        var (key, block, domain) = CustomerKeys.For(customer.Name, customer.Domain);
        var deal = new Deal
        {
            PartnerId = partner.Id, CustomerName = customer.Name, CustomerNameKey = key, CustomerNameBlock = block, CustomerDomain = domain,
            CustomerCountry = customer.Country, ContactName = faker.Name.FullName(), ContactEmail = $"{faker.Name.FirstName().ToLowerInvariant()}@{domain}",
            ProductLines = string.Join(';', faker.PickRandom(Products, faker.Random.Int(1, 2)).Distinct()),
            EstimatedAmountMinor = amount.AmountMinor, Currency = currency, ExpectedCloseOn = registeredOn.AddDays(faker.Random.Int(30, 150)),
            Involvement = faker.PickRandom<Involvement>(), CreatedAt = registeredAt, RegisteredAt = registeredAt, Status = status,
        };
        if (status == DealStatus.Rejected)
        {
            (deal.DecidedAt, deal.DecidedBy, deal.DecisionReason) = (registeredAt.AddDays(2), "demo review", "The customer is already served by the vendor's direct team.");
            return deal;
        }
        (deal.DecidedAt, deal.DecidedBy) = (registeredAt.AddDays(faker.Random.Int(1, 4)), "demo review");
        var window = ProtectionWindow.Starting(DateOnly.FromDateTime(deal.DecidedAt.Value.UtcDateTime), 90);
        (deal.ProtectedFrom, deal.ProtectedUntil) = (window.Start, window.End);
        if (status == DealStatus.Expired && window.End > today) deal.Status = DealStatus.Negotiation;
        if (status is DealStatus.Approved or DealStatus.Qualified or DealStatus.Proposal or DealStatus.Negotiation && window.End <= today)
            deal.Status = DealStatus.Expired;
        if (deal.Status == DealStatus.Won)
        {
            deal.ClosedOn = Min(registeredOn.AddDays(faker.Random.Int(20, 85)), today.AddDays(-1));
            deal.ActualAmountMinor = MoneyValue.FromDecimal(amount.ToDecimal() * (decimal)faker.Random.Double(0.8, 1.15), currency).AmountMinor;
            // Customers pay 10 to 60 days after the close; about one in thirty cancels within two months.
            // (Their own generator, so the deals' stream stays as it was.)
            if (deal.ClosedOn.Value.AddDays(payments.Next(10, 61)) is var paid && paid < today) deal.PaidOn = paid;
            if (payments.NextDouble() < 0.033 && deal.ClosedOn.Value.AddDays(payments.Next(5, 60)) is var reversed && reversed < today) deal.ReversedOn = reversed;
        }
        if (deal.Status is DealStatus.Qualified or DealStatus.Proposal or DealStatus.Negotiation or DealStatus.Won)
            deal.QualifiedOn = Min(registeredOn.AddDays(faker.Random.Int(5, 20)), deal.ClosedOn ?? today.AddDays(-1));
        if (deal.Status == DealStatus.Lost)
            (deal.ClosedOn, deal.LostReason) = (Min(registeredOn.AddDays(faker.Random.Int(20, 85)), today.AddDays(-1)), faker.PickRandom(LostReasons));
        if (deal.Status != DealStatus.Won && faker.Random.Bool(0.3f))
            deal.Evidence.Add(new InfluenceEvidence
            {
                DealId = deal.Id, Kind = faker.PickRandom<EvidenceKind>(), OccurredOn = registeredOn.AddDays(faker.Random.Int(1, 20)) is var d && d < today ? d : today,
                Who = faker.Name.FullName(), LoggedBy = "demo", LoggedAt = registeredAt.AddDays(1),
            });
        return deal;
    }

    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Audit entries dated when each step happened, so that the demo's timelines read true.</summary>
    static void AddTimeline(AccrueDb db, Deal deal, Partner partner, string reviewer)
    {
        void Entry(DateTimeOffset at, string who, string action, string? reason = null) => db.AuditEntries.Add(new AuditEntry
        {
            At = at, ActorName = who, Action = action, EntityType = nameof(Deal), EntityId = deal.Id.ToString(), PartnerId = partner.Id, Reason = reason,
        });
        var partnerUser = $"sales@{partner.Website?.Replace("https://www.", "") ?? "partner.example"}";
        Entry(deal.RegisteredAt!.Value, partnerUser, "DealSubmitted");
        if (deal.Status == DealStatus.Rejected) { Entry(deal.DecidedAt!.Value, reviewer, "DealRejected", deal.DecisionReason); return; }
        Entry(deal.DecidedAt!.Value, reviewer, "DealApproved");
        var closedAt = deal.ClosedOn is { } closed ? new DateTimeOffset(closed.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero) : (DateTimeOffset?)null;
        if (deal.Status == DealStatus.Won) Entry(closedAt!.Value, partnerUser, "DealWon");
        if (deal.Status == DealStatus.Lost) Entry(closedAt!.Value, partnerUser, "DealLost", deal.LostReason);
        if (deal.Status == DealStatus.Expired)
            Entry(new DateTimeOffset(deal.ProtectedUntil!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "system", "DealExpired",
                  $"Protection lapsed on {deal.ProtectedUntil:yyyy-MM-dd}.");
    }

    /// <summary>Recent submissions, screened one after another as they would arrive: some clash with open deals, some are flagged.</summary>
    async Task SubmitRecent(Faker faker, List<Partner> partners, List<Customer> customers, Guid homePartnerId, DateTimeOffset now, CancellationToken ct)
    {
        List<(Guid PartnerId, string Customer, string? Domain)> claimed;
        await using (var db = storage.Create(Actor.System))
            claimed = await db.Deals.Where(d => d.Status == DealStatus.Approved || d.Status == DealStatus.Qualified || d.Status == DealStatus.Proposal)
                .OrderBy(d => d.RegisteredAt).Take(40).Select(d => new ValueTuple<Guid, string, string?>(d.PartnerId, d.CustomerName, d.CustomerDomain))
                .ToListAsync(ct);
        var active = partners.Where(p => p.Status == PartnerStatus.Active).ToList();
        var burst = active.First(p => p.Id != homePartnerId);
        var submissions = new List<(Partner Partner, Customer Customer, decimal Amount)>();
        // Clashes: another partner registers a customer that is already claimed, by its name written another way.
        foreach (var (owner, name, domain) in claimed.Take(8))
        {
            var rival = active.First(p => p.Id != owner && p.Id != burst.Id && faker.Random.Bool(0.1f));
            submissions.Add((rival, new Customer(name.ToUpperInvariant().Replace(" INC", ", Inc."), faker.Random.Bool() ? domain ?? "" : "", "US"), 48_500m));
        }
        // The home partner's own case: a customer another partner already holds.
        if (claimed.LastOrDefault(c => c.PartnerId != homePartnerId) is { Customer: not null } held)
            submissions.Add((partners.First(p => p.Id == homePartnerId), new Customer(held.Customer, held.Domain ?? "", "DE"), 61_000m));
        // A burst from one partner, with suspiciously round amounts.
        for (var i = 0; i < 7; i++) submissions.Add((burst, faker.PickRandom(customers), 100_000m));
        // Ordinary, clean submissions waiting for a decision.
        for (var i = 0; i < 14; i++) submissions.Add((faker.PickRandom(active), customers[400 + i], Math.Round((decimal)faker.Random.Double(80, 1_500)) * 100));

        var at = now.AddDays(-6);
        foreach (var (partner, customer, amount) in submissions)
        {
            at = at.AddMinutes(faker.Random.Int(20, 400));
            await using var db = storage.Create(Actor.System);
            var (key, block, domain) = CustomerKeys.For(customer.Name, customer.Domain.Length > 0 ? customer.Domain : null);
            var currency = partner.Region == Region.Europe ? "EUR" : "USD";
            var deal = new Deal
            {
                PartnerId = partner.Id, CustomerName = customer.Name, CustomerNameKey = key, CustomerNameBlock = block, CustomerDomain = domain,
                CustomerCountry = customer.Country, ContactName = faker.Name.FullName(), ProductLines = faker.PickRandom(Products),
                EstimatedAmountMinor = MoneyValue.FromDecimal(amount, currency).AmountMinor, Currency = currency,
                ExpectedCloseOn = DateOnly.FromDateTime(at.UtcDateTime).AddDays(90), Involvement = Involvement.PartnerSourced,
                CreatedAt = at, RegisteredAt = at, Status = DealStatus.Submitted,
            };
            await screening.ScreenAsync([deal], transaction: null, ct);
            db.Deals.Add(deal);
            db.AuditEntries.Add(new AuditEntry
            {
                At = at, ActorName = $"sales@{partner.Website?.Replace("https://www.", "")}", Action = "DealSubmitted", EntityType = nameof(Deal),
                EntityId = deal.Id.ToString(), PartnerId = partner.Id,
            });
            await db.SaveChangesAsync(ct);
        }
    }
}
