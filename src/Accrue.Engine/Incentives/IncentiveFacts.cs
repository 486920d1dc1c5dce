using Accrue.Engine.Metrics;
using Accrue.Engine.Money;
using Accrue.Engine.Partners;

namespace Accrue.Engine.Incentives;

/// <summary>A partner as the eligibility of incentive rules reads it.</summary>
/// <param name="Segment">Segment or vertical ("healthcare"); null: none.</param>
public readonly record struct IncentivePartner(Guid PartnerId, PartnerType Type, Region Region, string? Segment = null);

/// <summary>A deal with what the incentive rules read beyond the metrics.</summary>
/// <param name="Referred">The partner referred the deal (referral fees pay on it).</param>
/// <param name="Influenced">The deal carries evidence of partner influence.</param>
/// <param name="NewLogo">The customer is new to the vendor.</param>
/// <param name="PaidOn">The customer's payment date; null: not paid.</param>
/// <param name="RegisteredAt">Registration time, the second key of event order; null: midnight of the registration date.</param>
public readonly record struct IncentiveDeal(
    DealFact Deal, string? Product = null, bool Referred = false, bool Influenced = false, bool NewLogo = false,
    DateOnly? PaidOn = null, DateTimeOffset? RegisteredAt = null);

/// <summary>A certification one of the partner's people earned.</summary>
public readonly record struct CertificationEarned(Guid PartnerId, Guid PersonId, Guid CertificationId, DateOnly EarnedOn);

/// <summary>
/// The incentive facts of a set of partners as columns: dense partner ordinals, won deals grouped
/// by partner in event order (close date, registration time, deal id), amounts converted into the
/// program currency's minor units.
/// </summary>
/// <remarks>
/// A converted amount is exact: whole minor units in <see cref="AmountMinor"/> and, only when some
/// conversion leaves a fraction of a minor unit, that fraction in <see cref="Fraction"/> (null when
/// every amount is whole, as it always is for deals in the program currency). Open and lost deals
/// earn no incentive and are not kept. Immutable once built, so any number of threads may read it.
/// </remarks>
public sealed class IncentiveFacts
{
    public string Currency { get; }
    public Guid[] Partners { get; }
    internal PartnerType[] Types { get; }
    internal Region[] Regions { get; }
    /// <summary>Index into <see cref="SegmentNames"/>; -1: none.</summary>
    internal int[] Segments { get; }
    internal string[] SegmentNames { get; }

    /// <summary>Partner p's won deals are rows [DealOffsets[p], DealOffsets[p + 1]).</summary>
    internal int[] DealOffsets { get; }
    internal Guid[] DealIds { get; }
    internal int[] CloseDays { get; }
    internal long[] RegisteredTicks { get; }
    internal long[] AmountMinor { get; }
    internal decimal[]? Fraction { get; }
    /// <summary>Index into <see cref="ProductNames"/>; -1: none.</summary>
    internal int[] Products { get; }
    internal string[] ProductNames { get; }
    internal DealFlags[] Flags { get; }
    /// <summary>Day numbers; int.MaxValue: none.</summary>
    internal int[] PaidDays { get; }
    internal int[] ReversedDays { get; }

    /// <summary>Partner p's certification events are rows [CertificationOffsets[p], …), by earned date then person.</summary>
    internal int[] CertificationOffsets { get; }
    internal CertificationEvent[] Certifications { get; }

    readonly Dictionary<Guid, int> indexOf;

    IncentiveFacts(string currency, IncentivePartner[] partners, Dictionary<Guid, int> indexOf, Interned segments, DealColumns deals,
                   int[] certificationOffsets, CertificationEvent[] certifications)
    {
        Currency = currency;
        Partners = partners.Select(p => p.PartnerId).ToArray();
        Types = partners.Select(p => p.Type).ToArray();
        Regions = partners.Select(p => p.Region).ToArray();
        Segments = partners.Select(p => segments.Of(p.Segment)).ToArray();
        SegmentNames = segments.Names;
        this.indexOf = indexOf;
        (DealOffsets, DealIds, CloseDays, RegisteredTicks, AmountMinor, Fraction, Products, ProductNames, Flags, PaidDays, ReversedDays) =
            (deals.Offsets, deals.Ids, deals.CloseDays, deals.RegisteredTicks, deals.AmountMinor, deals.Fraction, deals.Products,
             deals.ProductNames, deals.Flags, deals.PaidDays, deals.ReversedDays);
        (CertificationOffsets, Certifications) = (certificationOffsets, certifications);
    }

    /// <summary>
    /// Partner p's deals closed in [from, to) as rows [Start, End): one contiguous run, because each
    /// partner's deals are in event order, close date first. A rule then reads the deals of its window
    /// only, not every deal the partner ever won.
    /// </summary>
    internal (int Start, int End) DealsClosedIn(int p, int from, int to)
    {
        var (first, last) = (DealOffsets[p], DealOffsets[p + 1]);
        var start = FirstClosedOnOrAfter(first, last, from);
        return (start, FirstClosedOnOrAfter(start, last, to));
    }

    /// <summary>The first row in [first, last) closed on or after the day (last when none): a binary search over sorted close days.</summary>
    int FirstClosedOnOrAfter(int first, int last, int day)
    {
        while (first < last)
        {
            var middle = first + (last - first) / 2;
            if (CloseDays[middle] < day) first = middle + 1; else last = middle;
        }
        return first;
    }

    /// <summary>The partner's ordinal, or -1 when it is not one of <see cref="Partners"/>.</summary>
    public int IndexOf(Guid partner) => indexOf.TryGetValue(partner, out var index) ? index : -1;

    /// <summary>Converts won deals at their close date; throws <see cref="MissingExchangeRateException"/> when it cannot.</summary>
    /// <remarks>Facts of partners not listed are ignored; a won deal must have a close date.</remarks>
    public static IncentiveFacts Build(IReadOnlyList<IncentivePartner> partners, IEnumerable<IncentiveDeal> deals,
                                       IEnumerable<CertificationEarned> certifications, ExchangeRates rates)
    {
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(rates);
        var list = partners.ToArray();
        var indexOf = new Dictionary<Guid, int>(list.Length);
        for (var i = 0; i < list.Length; i++)
            if (!indexOf.TryAdd(list[i].PartnerId, i)) throw new ArgumentException($"Partner {list[i].PartnerId} is listed twice.", nameof(partners));

        var segments = new Interned();
        foreach (var p in list) segments.Add(p.Segment);
        var dealColumns = DealColumns.Build(list.Length, indexOf, deals, rates);

        var rows = certifications.Where(c => indexOf.ContainsKey(c.PartnerId))
                                 .Select(c => (Partner: indexOf[c.PartnerId], Event: new CertificationEvent(c.PersonId, c.CertificationId, c.EarnedOn)))
                                 .OrderBy(r => r.Partner).ThenBy(r => r.Event.EarnedOn).ThenBy(r => r.Event.PersonId, GuidOrder.Instance)
                                 .ThenBy(r => r.Event.CertificationId, GuidOrder.Instance).ToArray();
        return new IncentiveFacts(rates.ProgramCurrency, list, indexOf, segments, dealColumns,
                                  Offsets(list.Length, rows.Select(r => r.Partner)), rows.Select(r => r.Event).ToArray());
    }

    internal static int[] Offsets(int partnerCount, IEnumerable<int> sortedPartners)
    {
        var offsets = new int[partnerCount + 1];
        foreach (var p in sortedPartners) offsets[p + 1]++;
        for (var p = 0; p < partnerCount; p++) offsets[p + 1] += offsets[p];
        return offsets;
    }

    [Flags]
    internal enum DealFlags : byte { None = 0, Referred = 1, Influenced = 2, NewLogo = 4 }

    /// <summary>Strings (products, segments) as small dense numbers, in the order first seen.</summary>
    internal sealed class Interned
    {
        readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
        readonly List<string> names = [];

        public int Add(string? name)
        {
            if (name is null) return -1;
            if (ids.TryGetValue(name, out var id)) return id;
            ids[name] = names.Count;
            names.Add(name);
            return names.Count - 1;
        }

        public int Of(string? name) => name is not null && ids.TryGetValue(name, out var id) ? id : -1;

        public string[] Names => [.. names];
    }
}

/// <summary>Guids in the order of their text ("00000000-…" first), the order SQL's uuid and a sorted file agree on.</summary>
public sealed class GuidOrder : IComparer<Guid>
{
    public static readonly GuidOrder Instance = new();

    // Guid.CompareTo compares its fields as unsigned numbers in the order the text prints them, which
    // is the text's order (GuidOrderTests), without writing both Guids out as bytes on every comparison.
    public int Compare(Guid x, Guid y) => x.CompareTo(y);
}
