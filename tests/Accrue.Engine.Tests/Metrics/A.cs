using System.Globalization;
using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Engine.Tests.Metrics;

/// <summary>Facts of two partners, Acme and Birch, in a USD program, measured as of 2026-10-01 (the end of 2026-Q3).</summary>
static class A
{
    public static readonly Guid Acme = Id(0xac);
    public static readonly Guid Birch = Id(0xb1);
    public static readonly Guid Stranger = Id(0x5e);
    public static readonly Guid Ana = Id(0xa1a);
    public static readonly Guid Ben = Id(0xb1b);
    public static readonly Guid SalesCertification = Id(0x5a1e5);
    public static readonly Guid TechCertification = Id(0x7ec);

    public static readonly DateOnly EndOfQ3 = Day("2026-10-01");
    public static readonly TrailingWindow Quarter = new(1, PeriodUnit.Quarter);

    static int dealNumber;

    /// <summary>A won deal of Acme: "1,000.00" USD registered 2026-07-01.</summary>
    public static DealFact Won(string closed, decimal amount = 1_000m, string currency = "USD", string registered = "2026-07-01",
                               string? reversed = null, Guid? partner = null) =>
        Deal(DealOutcome.Won, amount, currency, registered, closed, reversed, partner);

    public static DealFact Lost(string closed, Guid? partner = null) => Deal(DealOutcome.Lost, 500m, "USD", "2026-07-01", closed, null, partner);

    public static DealFact Open(string registered, bool approved = true, string? qualified = null, Guid? partner = null) =>
        Deal(DealOutcome.Open, 500m, "USD", registered, null, null, partner) with
        {
            RegistrationApproved = approved, QualifiedOn = qualified is null ? null : Day(qualified),
        };

    static DealFact Deal(DealOutcome outcome, decimal amount, string currency, string registered, string? closed, string? reversed, Guid? partner) =>
        new(Id(0xd000 + Interlocked.Increment(ref dealNumber)), partner ?? Acme,
            (long)(amount * Engine.Money.Currency.Of(currency).MinorPerMajor), currency, Day(registered), true, null, outcome,
            closed is null ? null : Day(closed), reversed is null ? null : Day(reversed));

    public static CertificationFact Held(string from, string until, Guid? person = null, CertificationTrack track = CertificationTrack.Sales) =>
        new(Acme, person ?? Ana, SalesCertification, track, Day(from), Day(until));

    public static ActivityFact Did(ActivityKind kind, string on, Guid? subject = null) => new(Acme, kind, Day(on), subject);

    public static ExchangeRates Rates(params (string Currency, string From, decimal Rate)[] rates)
    {
        var table = new ExchangeRates("USD");
        foreach (var (currency, from, rate) in rates) table.Add(currency, Day(from), rate);
        return table;
    }

    public static ProgramFacts Facts(IEnumerable<DealFact>? deals = null, IEnumerable<CertificationFact>? certifications = null,
                                     IEnumerable<ActivityFact>? activities = null, ExchangeRates? rates = null) =>
        ProgramFacts.Build([Acme, Birch], deals ?? [], certifications ?? [], activities ?? [], rates ?? Rates());

    /// <summary>Acme's metric over 2026-Q3, as of 2026-10-01.</summary>
    public static MetricValue Measure(this ProgramFacts facts, Metric metric, CertificationTrack? track = null, Guid? partner = null) =>
        facts.Measure(partner ?? Acme, metric, Quarter, EndOfQ3, track);

    public static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Guid Id(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:x12}");
}
