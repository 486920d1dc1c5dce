using Accrue.Data.Deals;
using Accrue.Data.Idempotency;
using Accrue.Data.Partners;
using Accrue.Engine.Deals;
using Accrue.Engine.Partners;
using Accrue.Web.Features.Deals;

namespace Accrue.Bench;

/// <summary>SplitMix64: every row is derived from its index alone, so generation is deterministic and order-independent.</summary>
struct Rng(ulong seed)
{
    ulong state = seed;

    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    public static Rng For(ulong stream, long index) => new(Mix(Mix(stream) ^ (ulong)index));

    public ulong Next() => Mix(state += 0x9E3779B97F4A7C15);
    public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));
    public int Below(int n) => (int)(Unit() * n);
    public bool Chance(double p) => Unit() < p;
    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
    public Guid Guid(uint prefix) => new(prefix, (ushort)Next(), (ushort)(0x7000 | (Next() & 0x0FFF)), (byte)(0x80 | (Next() & 0x3F)),
                                         (byte)Next(), (byte)Next(), (byte)Next(), (byte)Next(), (byte)Next(), (byte)Next(), (byte)Next());
}

/// <summary>A customer of the vendor's market: a canonical name and its web domain.</summary>
sealed record Customer(string Word, string Name, string Domain);

/// <summary>
/// The synthetic program: partners, a market of customers whose names share blocks and whose
/// popular members many partners register, and registrations mostly closed, some still claiming.
/// </summary>
sealed class Dataset(int partners, int registrations, DateTimeOffset now)
{
    const ulong PartnerStream = 1, CustomerStream = 2, DealStream = 3, RequestStream = 4;

    static readonly string[] Syllables =
        [.. from c in "bcdfghklmnprstvz" from v in "aeiou" select $"{c}{v}"];
    static readonly string[] Endings = ["", "", "", "n", "x", "r", "s", "l", "tech", "ia", "on"];
    static readonly string[] Industries =
        ["Systems", "Logistics", "Foods", "Health", "Labs", "Energy", "Retail", "Media", "Bank", "Insurance", "Motors", "Pharma",
         "Software", "Consulting", "Analytics", "Holdings", "Group", "Industries", "Networks", "Capital"];
    static readonly string[] LegalForms = ["", "Inc", "Inc.", "LLC", "Ltd", "GmbH", "Corp.", "Corporation", "S.A.", "AG", "B.V.", "plc"];
    static readonly string[] Tlds = ["com", "com", "com", "de", "co.uk", "fr", "io", "net", "nl", "com.au"];
    static readonly string[] Countries = ["US", "US", "US", "DE", "GB", "FR", "NL", "AU", "CA", "JP", "BR", "IN"];
    public static readonly string[] ProductLines = ["Cloud", "Security", "Analytics", "Storage", "Networking", "Support"];
    static readonly string[] FirstNames = ["anna", "ben", "carla", "david", "eva", "frank", "grace", "hugo", "ines", "jon", "kim", "lea"];
    static readonly string[] LastNames = ["smith", "muller", "garcia", "rossi", "martin", "khan", "tanaka", "silva", "novak", "jansen"];

    public int Partners { get; } = partners;
    public int Registrations { get; } = registrations;
    /// <summary>About five registrations per customer, popular customers far more.</summary>
    public int Customers { get; } = Math.Max(1000, registrations / 5);
    public DateTimeOffset Now { get; } = now;

    /// <summary>A made-up but pronounceable word; the first two syllables make its name block, skewed so that some blocks are hot.</summary>
    static string Word(ref Rng r)
    {
        var first = Syllables[(int)(Syllables.Length * Math.Pow(r.Unit(), 1.5))];
        var word = first;
        for (var more = 1 + r.Below(2); more > 0; more--) word += r.Pick(Syllables);
        return word + r.Pick(Endings);
    }

    static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    public Customer CustomerAt(int index)
    {
        var r = Rng.For(CustomerStream, index);
        var word = Word(ref r);
        var industry = r.Chance(0.6) ? " " + r.Pick(Industries) : "";
        return new Customer(word, Capital(word) + industry, $"{word}{(industry.Length > 0 ? "-" + industry.Trim().ToLowerInvariant() : "")}.{r.Pick(Tlds)}");
    }

    /// <summary>How partners write a customer's name: with or without a legal form, in another case.</summary>
    static string Variant(ref Rng r, Customer customer)
    {
        var name = customer.Name;
        if (r.Chance(0.1)) name = name.ToUpperInvariant();
        var form = r.Pick(LegalForms);
        return form.Length == 0 ? name : $"{name} {form}";
    }

    public static Guid PartnerId(int index) => Rng.For(PartnerStream, index).Guid(0x10000000u + (uint)index);

    public Partner PartnerAt(int index)
    {
        var r = Rng.For(PartnerStream, index);
        var partner = new Partner
        {
            Id = PartnerId(index), ExternalId = $"P-{index:D6}", Name = $"{Capital(Word(ref r))} {r.Pick(Industries)} Partners #{index}",
            Type = (PartnerType)r.Below(5), Region = (Region)r.Below(5), Country = r.Pick(Countries),
            JoinedOn = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-30 - r.Below(2000)), CreatedAt = Now.AddDays(-2100),
            Revision = r.Guid(0),
        };
        partner.StartAs(PartnerStatus.Active);
        return partner;
    }

    /// <summary>Partners are skewed (u³): a few giant distributors, a long tail.</summary>
    int PartnerFor(ref Rng r) => (int)(Partners * Math.Pow(r.Unit(), 3));

    /// <summary>Popular customers are registered far more often (u²).</summary>
    int CustomerFor(ref Rng r) => (int)(Customers * r.Unit() * r.Unit());

    static readonly (DealStatus Status, double Share)[] StatusMix =
    [
        (DealStatus.Won, 0.30), (DealStatus.Lost, 0.28), (DealStatus.Expired, 0.15), (DealStatus.Rejected, 0.05), (DealStatus.Draft, 0.02),
        (DealStatus.Submitted, 0.04), (DealStatus.Approved, 0.07), (DealStatus.Qualified, 0.04), (DealStatus.Proposal, 0.03), (DealStatus.Negotiation, 0.02),
    ];

    static DealStatus StatusFor(ref Rng r)
    {
        var u = r.Unit();
        foreach (var (status, share) in StatusMix)
            if ((u -= share) < 0) return status;
        return DealStatus.Won;
    }

    public Deal DealAt(int index)
    {
        var r = Rng.For(DealStream, index);
        var customer = CustomerAt(CustomerFor(ref r));
        var status = StatusFor(ref r);
        var claiming = DealLifecycle.IsClaiming(status);
        // Claiming deals were registered in the last 80 days, so their 90 days of protection still run; the rest earlier.
        var registered = Now.AddMinutes(-(claiming ? r.Below(80 * 1440) : 90 * 1440 + r.Below(900 * 1440)));
        var day = DateOnly.FromDateTime(registered.UtcDateTime);
        var name = Variant(ref r, customer);
        var (key, block, domain) = CustomerKeys.For(name, r.Chance(0.85) ? customer.Domain : null);
        var amount = 100_000L * (1 + (long)Math.Exp(r.Unit() * 7.5));
        var deal = new Deal
        {
            Id = r.Guid((uint)index), PartnerId = PartnerId(PartnerFor(ref r)), Status = status,
            CustomerName = name, CustomerNameKey = key, CustomerNameBlock = block, CustomerDomain = domain,
            CustomerCountry = r.Pick(Countries),
            ContactName = $"{Capital(r.Pick(FirstNames))} {Capital(r.Pick(LastNames))}",
            ProductLines = string.Join(';', ProductLines.Where(_ => r.Chance(0.3)).DefaultIfEmpty(r.Pick(ProductLines))),
            EstimatedAmountMinor = amount, Currency = "USD", ExpectedCloseOn = day.AddDays(30 + r.Below(150)),
            Involvement = (Involvement)r.Below(3), CreatedAt = registered.AddMinutes(-r.Below(600)),
            RegisteredAt = status == DealStatus.Draft ? null : registered, Revision = r.Guid(0),
        };
        deal.ContactEmail = $"{deal.ContactName!.Replace(' ', '.').ToLowerInvariant()}@{customer.Domain}";
        if (status is not (DealStatus.Draft or DealStatus.Submitted))
        {
            deal.DecidedAt = registered.AddHours(2 + r.Below(70));
            deal.DecidedBy = "manager@vendor.example";
        }
        if (status is DealStatus.Approved or DealStatus.Qualified or DealStatus.Proposal or DealStatus.Negotiation
            or DealStatus.Won or DealStatus.Lost or DealStatus.Expired)
        {
            deal.ProtectedFrom = day;
            deal.ProtectedUntil = day.AddDays(90);
        }
        if (status == DealStatus.Rejected) deal.DecisionReason = "Already registered by another partner.";
        if (status == DealStatus.Won) { deal.ActualAmountMinor = amount; deal.ClosedOn = day.AddDays(20 + r.Below(60)); }
        if (status == DealStatus.Lost) { deal.LostReason = "Chose a competitor."; deal.ClosedOn = day.AddDays(20 + r.Below(60)); }
        deal.NeedsReview = status == DealStatus.Submitted && r.Chance(0.3);
        return deal;
    }

    /// <summary>
    /// The stored first answer of a registration of the history, as if its partner's script had sent it with an
    /// Idempotency-Key (as the clients of the run do): a system that registered a million deals holds that many.
    /// </summary>
    public IdempotencyRecord IdempotencyRecordAt(int index, Deal deal)
    {
        var r = Rng.For(DealStream + 200, index);
        return new IdempotencyRecord
        {
            Id = r.Guid(0x30000000u + (uint)index), Scope = r.Guid(0x40000000u + (uint)(index % 4000)).ToString(), Key = $"history-{index}",
            RequestHash = Convert.ToHexStringLower(BitConverter.GetBytes(r.Next())).PadLeft(64, '0'), StatusCode = 201,
            ResponseBody = $$"""{"dealId":"{{deal.Id}}","status":"Submitted","message":"Submitted. The vendor reviews it; you will see the decision here."}""",
            CreatedAt = deal.CreatedAt,
        };
    }

    /// <summary>The vendor's own sales pipeline: one opportunity for every twenty registrations, on the same market.</summary>
    public int Opportunities => Registrations / 20;

    public PipelineOpportunity OpportunityAt(int index)
    {
        var r = Rng.For(DealStream + 100, index);
        var customer = CustomerAt(CustomerFor(ref r));
        var (key, block, domain) = CustomerKeys.For(customer.Name, r.Chance(0.7) ? customer.Domain : null);
        return new PipelineOpportunity
        {
            Id = r.Guid(0x20000000u + (uint)index), ExternalId = $"OPP-{index:D7}", CustomerName = customer.Name, CustomerNameKey = key,
            CustomerNameBlock = block, CustomerDomain = domain, Owner = $"rep{r.Below(200)}@vendor.example",
            CreatedOn = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-r.Below(700)),
        };
    }

    /// <summary>
    /// The body of the n-th registration the clients send: mostly a customer new to the program;
    /// a share on purpose the customer of an open registration, by domain or by a variant of its name.
    /// </summary>
    public DealBody RequestAt(long n, double collisionShare, IReadOnlyList<Deal> openDeals)
    {
        var r = Rng.For(RequestStream, n);
        var lines = ProductLines.Where(_ => r.Chance(0.3)).DefaultIfEmpty(r.Pick(ProductLines)).ToArray();
        string name, domain;
        if (r.Chance(collisionShare) && openDeals.Count > 0)
        {
            var rival = openDeals[r.Below(openDeals.Count)];
            lines = rival.ProductLineList.ToArray();
            var byDomain = rival.CustomerDomain is not null && r.Chance(0.5);
            name = byDomain ? rival.CustomerName : rival.CustomerName.ToUpperInvariant() + " " + r.Pick(LegalForms);
            domain = byDomain ? "https://www." + rival.CustomerDomain : $"r{n}-{rival.CustomerNameKey.Replace(' ', '-')}.example";
        }
        else
        {
            // A customer nobody registered yet: its name still falls in a block that holds others.
            var word = Word(ref r) + Syllables[r.Below(Syllables.Length)];
            name = $"{Capital(word)} {r.Pick(Industries)} {r.Pick(LegalForms)}".Trim();
            domain = $"{word}-{n}.{r.Pick(Tlds)}";
        }
        var contact = $"{r.Pick(FirstNames)}.{r.Pick(LastNames)}@{WebDomains.Normalize(domain)}";
        var amount = 1_000m * (1 + r.Below(499)) + r.Below(100);
        return new DealBody(name, domain, r.Pick(Countries), "Pat Buyer", contact, lines, amount, "USD",
                            DateOnly.FromDateTime(Now.UtcDateTime).AddDays(30 + r.Below(150)), Involvement.PartnerSourced, null, true);
    }
}

/// <summary>The JSON body of POST /api/v1/deals, member for member.</summary>
sealed record DealBody(
    string CustomerName, string? CustomerDomain, string CustomerCountry, string? ContactName, string? ContactEmail,
    IReadOnlyList<string> ProductLines, decimal EstimatedAmount, string Currency, DateOnly ExpectedCloseOn,
    Involvement Involvement, string? Notes, bool Submit);
