namespace Accrue.Engine.Deals;

/// <summary>When two customer names count as the same customer.</summary>
/// <remarks>
/// 0.92 sits in the gap between the names that must match and the near-misses that must not
/// (pinned in MatchPolicyTests): a one-letter typo such as "Contoso Pharmaceuticals" against
/// "Contoso Pharmaceutical" scores 0.99, while the closest distinct company, "Globex Corporation"
/// against "Globe Express", scores 0.89 and "Initech" against "Initrode" 0.87. Variants that differ
/// only in legal form, accents or punctuation normalise to the same name and score 1. A false
/// match costs a partner a wrongly flagged registration that a person then clears; a missed one
/// lets two partners claim one customer, so the threshold leans low within the gap.
/// </remarks>
public sealed record MatchPolicy(double NameThreshold = 0.92)
{
    public static readonly MatchPolicy Default = new();

    // Checked in the initialiser for the constructor and in init for `with`, which bypasses the constructor.
    public double NameThreshold { get; init => field = Checked(value); } = Checked(NameThreshold);

    static double Checked(double threshold) => threshold is > 0 and <= 1
        ? threshold
        : throw new ArgumentOutOfRangeException(nameof(NameThreshold), threshold, "A name threshold is a similarity above 0 and at most 1.");

    /// <summary>The similarity of two names if it reaches the threshold, else null.</summary>
    public double? NameMatch(string a, string b) => NormalNameMatch(CompanyNames.Normalize(a), CompanyNames.Normalize(b));

    /// <summary>The same for names already in normal form (<see cref="CompanyNames.Normalize"/>).</summary>
    internal double? NormalNameMatch(string a, string b) =>
        NameSimilarity.OfNormalForms(a, b) is var similarity && similarity >= NameThreshold ? similarity : null;

    /// <summary>The same for two customers' names, first ruling out those whose outlines cannot reach the threshold.</summary>
    internal double? NormalNameMatch(NormalCustomer a, NormalCustomer b) =>
        NameSimilarity.AtMost(a.Outline, b.Outline) < NameThreshold ? null : NormalNameMatch(a.Name, b.Name);
}
