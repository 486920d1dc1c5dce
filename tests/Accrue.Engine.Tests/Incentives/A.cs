using System.Globalization;
using Accrue.Engine.Incentives;
using Accrue.Engine.Metrics;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Engine.Tests.Incentives;

/// <summary>
/// A USD program calculated for 2026-Q3 as of 2026-10-01 with tiers Registered, Silver and Gold (Gold:
/// rebate multiplier 1.25, fund accrual 3 %). Partners Acme, Birch, Cedar (in partner-id order), resellers in
/// North America unless said otherwise. Deals close 2026-08-01 unless said otherwise.
/// </summary>
static class A
{
    public static readonly Guid Acme = Id(0xac);
    public static readonly Guid Birch = Id(0xb1);
    public static readonly Guid Cedar = Id(0xce);
    public static readonly DateOnly EndOfQ3 = Day("2026-10-01");
    public static readonly Period Q3 = new FiscalCalendar().Parse("2026-Q3");

    public static ProgramDefinition Definition(params IncentiveRule[] rules) => new()
    {
        Name = "Partners 2026",
        Tiers =
        [
            new TierDefinition { Id = "registered", Name = "Registered" },
            new TierDefinition { Id = "silver", Name = "Silver" },
            new TierDefinition { Id = "gold", Name = "Gold", Benefits = new TierBenefits { RebateMultiplier = 1.25m, FundAccrualPercent = 3m } },
        ],
        Incentives = rules,
    };

    public static IncentiveRule Rule(IncentiveKind kind, string id = "rule", decimal rate = 0) =>
        new() { Id = id, Name = id, Kind = kind, RatePercent = rate };

    public static IncentiveRule Rebate(decimal rate = 2, string id = "rebate") => Rule(IncentiveKind.Rebate, id, rate);

    /// <summary>The worked example of the semantics: 2 % to 100,000, 4 % to 250,000, 6 % above.</summary>
    public static IncentiveRule Bracketed(BracketMode mode) => Rebate() with
    {
        BracketMode = mode, Brackets = [new(0, 2), new(100_000, 4), new(250_000, 6)],
    };

    public static IncentiveRule Spiff(decimal amount, string id = "spiff", SpiffEvent on = SpiffEvent.WonDeal, string? group = null,
                                      int? max = null, params string[] products) =>
        Rule(IncentiveKind.Spiff, id) with
        {
            SpiffAmount = amount, SpiffEvent = on, ExclusiveGroup = group, MaxCount = max, Eligibility = new() { Products = products },
        };

    public static IncentiveRule Referral(decimal rate, string id = "referral", string? group = null) =>
        Rule(IncentiveKind.ReferralFee, id, rate) with { ExclusiveGroup = group };

    static int dealNumber;

    /// <summary>A won deal of Acme, in USD unless said otherwise.</summary>
    public static IncentiveDeal Won(decimal amount, string closed = "2026-08-01", Guid? partner = null, string? product = null,
                                    bool referred = false, bool influenced = false, bool newLogo = false, string? paid = null,
                                    string? reversed = null, string currency = "USD", string registered = "2026-07-01", int? id = null) =>
        new(new DealFact(Id(0xd000 + (id ?? Interlocked.Increment(ref dealNumber))), partner ?? Acme,
                         (long)(amount * Engine.Money.Currency.Of(currency).MinorPerMajor), currency, Day(registered), true, null,
                         DealOutcome.Won, Day(closed), reversed is null ? null : Day(reversed)),
            product, referred, influenced, newLogo, paid is null ? null : Day(paid));

    public static IncentivePartner Partner(Guid id, PartnerType type = PartnerType.Reseller, Region region = Region.NorthAmerica, string? segment = null) =>
        new(id, type, region, segment);

    public static IncentiveFacts Facts(IEnumerable<IncentiveDeal> deals, IEnumerable<CertificationEarned>? certifications = null,
                                       IReadOnlyList<IncentivePartner>? partners = null, ExchangeRates? rates = null, string currency = "USD") =>
        IncentiveFacts.Build(partners ?? [Partner(Acme), Partner(Birch), Partner(Cedar)], deals, certifications ?? [],
                             rates ?? new ExchangeRates(currency));

    public static IncentiveResult Calculate(ProgramDefinition program, IncentiveFacts facts, IReadOnlyDictionary<Guid, string>? tiers = null,
                                            IReadOnlyDictionary<Guid, decimal>? targets = null, string asOf = "2026-10-01", int? threads = null) =>
        IncentiveCalculation.Calculate(program, Q3, Day(asOf), facts, tiers ?? new Dictionary<Guid, string>(),
                                       targets ?? new Dictionary<Guid, decimal>(), threads);

    /// <summary>The only rule's lines: (partner, amount in minor units).</summary>
    public static IncentiveResult Calculate(IncentiveRule rule, params IncentiveDeal[] deals) => Calculate(Definition(rule), Facts(deals));

    /// <summary>Acme's line of a rule, or null.</summary>
    public static AccrualLine? Of(this IncentiveResult result, string ruleId = "rule", Guid? partner = null) =>
        result.Lines.SingleOrDefault(l => l.RuleId == ruleId && l.PartnerId == (partner ?? Acme));

    public static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Guid Id(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:x12}");
}
