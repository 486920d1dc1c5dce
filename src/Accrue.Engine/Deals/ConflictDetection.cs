using System.Globalization;

namespace Accrue.Engine.Deals;

/// <summary>Which earlier claims on the same customer a new registration runs into.</summary>
/// <remarks>
/// First registered wins. A rival registration conflicts when it is another partner's, was
/// registered before the candidate (by time, then by deal id, so two registrations can never both
/// be first), still claims the customer on the candidate's registration day (submitted and
/// awaiting a decision, or approved and within its protection window, which is half-open: on the
/// ProtectedUntil date itself protection has lapsed), shares a product line (a side that names
/// none shares all), and names the same customer: the same web domain, or names at least
/// <see cref="MatchPolicy.NameThreshold"/> alike. The vendor's own opportunities for the customer,
/// opened on or before that day, conflict as well. The registration day is the UTC date of
/// RegisteredAt.
/// </remarks>
public static class ConflictDetection
{
    public static ConflictReport Find(DealCandidate candidate, IReadOnlyList<RivalRegistration> rivals,
                                      IReadOnlyList<VendorOpportunity> vendorPipeline, MatchPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(rivals);
        ArgumentNullException.ThrowIfNull(vendorPipeline);
        ArgumentNullException.ThrowIfNull(policy);

        var day = DayOf(candidate.RegisteredAt);
        var customer = NormalCustomer.Of(candidate.CustomerName, candidate.CustomerDomain);

        // Loops rather than a query: every submission runs this against dozens of rivals. Each list is filtered, then put in
        // first-come order (rivals by registration time, then deal id; the vendor's opportunities by date, then id).
        var rivalMatches = new List<(RivalRegistration Rival, (ConflictKind Kind, double Similarity, string? Domain) Match)>();
        for (var i = 0; i < rivals.Count; i++)
        {
            var rival = rivals[i];
            // The customer before the product lines: most rivals in a block are other customers, and a rival's product
            // lines are the costlier read (a list of strings, each elsewhere in memory).
            if (rival.PartnerId != candidate.PartnerId && IsEarlier(rival, candidate) && StillClaims(rival, day)
                && SameCustomer(customer, rival.Customer, policy) is { } match
                && ProductLinesOverlap(candidate.ProductLines, rival.ProductLines))
                rivalMatches.Add((rival, match));
        }
        rivalMatches.Sort((a, b) => a.Rival.RegisteredAt.CompareTo(b.Rival.RegisteredAt) is var byTime and not 0
            ? byTime : a.Rival.DealId.CompareTo(b.Rival.DealId));

        var vendorMatches = new List<(VendorOpportunity Opportunity, (ConflictKind Kind, double Similarity, string? Domain) Match)>();
        for (var i = 0; i < vendorPipeline.Count; i++)
        {
            var opportunity = vendorPipeline[i];
            if (opportunity.CreatedOn <= day && SameCustomer(customer, opportunity.Customer, policy) is { } match)
                vendorMatches.Add((opportunity, match));
        }
        vendorMatches.Sort((a, b) => a.Opportunity.CreatedOn.CompareTo(b.Opportunity.CreatedOn) is var byDate and not 0
            ? byDate : string.CompareOrdinal(a.Opportunity.Id, b.Opportunity.Id));

        var conflicts = new List<Conflict>(rivalMatches.Count + vendorMatches.Count);
        foreach (var (rival, match) in rivalMatches)
            conflicts.Add(RivalConflict(rival, match));
        foreach (var (opportunity, match) in vendorMatches)
            conflicts.Add(VendorConflict(opportunity, match));
        return new ConflictReport(conflicts);
    }

    /// <summary>Two registrations at the same instant are ordered by deal id, compared as <see cref="Guid.CompareTo(Guid)"/> does.</summary>
    static bool IsEarlier(RivalRegistration rival, DealCandidate candidate) =>
        rival.RegisteredAt < candidate.RegisteredAt
        || (rival.RegisteredAt == candidate.RegisteredAt && rival.DealId.CompareTo(candidate.DealId) < 0);

    static bool StillClaims(RivalRegistration rival, DateOnly day) =>
        rival.Status == DealStatus.Submitted
        || (DealLifecycle.IsClaiming(rival.Status) && (rival.ProtectedUntil is not { } until || day < until));

    static bool ProductLinesOverlap(IReadOnlyList<string> ours, IReadOnlyList<string> theirs)
    {
        if (ours.Count == 0 || theirs.Count == 0)
            return true;
        // Indexed loops rather than a set or foreach: a registration names a few product lines, a rival is checked for every
        // submission, and foreach over an IReadOnlyList allocates an enumerator.
        for (var i = 0; i < ours.Count; i++)
            for (var j = 0; j < theirs.Count; j++)
                if (ours[i].AsSpan().Trim().Equals(theirs[j].AsSpan().Trim(), StringComparison.OrdinalIgnoreCase))
                    return true;
        return false;
    }

    /// <summary>How the two name one customer: the same domain (similarity 1), else alike names; null when they do not.</summary>
    static (ConflictKind Kind, double Similarity, string? Domain)? SameCustomer(NormalCustomer ours, NormalCustomer theirs, MatchPolicy policy)
    {
        if (ours.Domain is not null && ours.DomainHash == theirs.DomainHash && ours.Domain == theirs.Domain)
            return (ConflictKind.SameDomain, 1, ours.Domain);
        return policy.NormalNameMatch(ours, theirs) is { } similarity ? (ConflictKind.SimilarName, similarity, null) : null;
    }

    static Conflict RivalConflict(RivalRegistration rival, (ConflictKind Kind, double Similarity, string? Domain) match)
    {
        var claim = rival.Status == DealStatus.Submitted ? "awaiting approval"
            : rival.ProtectedUntil is { } until ? $"protected until {Iso(until)}"
            : "approved, with no end to its protection";
        var registered = $"registered by {rival.PartnerName} on {Iso(DayOf(rival.RegisteredAt))}, {claim}";
        var explanation = match.Kind == ConflictKind.SameDomain
            ? $"same domain {match.Domain}, {registered}"
            : $"similar name \"{rival.CustomerName}\" ({Percent(match.Similarity)} alike) {registered}";
        return new Conflict(match.Kind, rival.DealId, null, match.Similarity, explanation);
    }

    static Conflict VendorConflict(VendorOpportunity opportunity, (ConflictKind Kind, double Similarity, string? Domain) match) =>
        new(ConflictKind.VendorPipeline, null, opportunity.Id, match.Similarity,
            $"the vendor's own pipeline has \"{opportunity.CustomerName}\" (opportunity {opportunity.Id}, owner {opportunity.Owner}) since {Iso(opportunity.CreatedOn)}");

    static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Rounded down, so that names which are not the same never read as "100% alike".
    static string Percent(double similarity) => $"{Math.Floor(similarity * 100).ToString(CultureInfo.InvariantCulture)}%";
}
