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

        var withRivals =
            from rival in rivals
            where rival.PartnerId != candidate.PartnerId && IsEarlier(rival, candidate) && StillClaims(rival, day)
                  && ProductLinesOverlap(candidate.ProductLines, rival.ProductLines)
            orderby rival.RegisteredAt, rival.DealId
            let match = SameCustomer(customer, rival.Customer, policy)
            where match is not null
            select RivalConflict(rival, match.Value);

        var withVendor =
            from opportunity in vendorPipeline.OrderBy(o => o.CreatedOn).ThenBy(o => o.Id, StringComparer.Ordinal)
            where opportunity.CreatedOn <= day
            let match = SameCustomer(customer, NormalCustomer.Of(opportunity.CustomerName, opportunity.CustomerDomain), policy)
            where match is not null
            select VendorConflict(opportunity, match.Value);

        return new ConflictReport([.. withRivals, .. withVendor]);
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
        // A loop rather than a set: a registration names a few product lines, and a rival is checked for every submission.
        foreach (var our in ours)
            foreach (var their in theirs)
                if (our.AsSpan().Trim().Equals(their.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase))
                    return true;
        return false;
    }

    /// <summary>How the two name one customer: the same domain (similarity 1), else alike names; null when they do not.</summary>
    static (ConflictKind Kind, double Similarity, string? Domain)? SameCustomer(NormalCustomer ours, NormalCustomer theirs, MatchPolicy policy)
    {
        if (ours.Domain is not null && ours.Domain == theirs.Domain)
            return (ConflictKind.SameDomain, 1, ours.Domain);
        return policy.NormalNameMatch(ours.Name, theirs.Name) is { } similarity ? (ConflictKind.SimilarName, similarity, null) : null;
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
