using Accrue.Engine.Deals;
using static Accrue.Engine.Tests.Deals.A;

namespace Accrue.Engine.Tests.Deals;

public partial class ConflictDetectionTests
{
    static ConflictReport Find(DealCandidate candidate, params RivalRegistration[] rivals) =>
        ConflictDetection.Find(candidate, rivals, [], MatchPolicy.Default);

    [Fact]
    public void A_rival_on_the_same_domain_is_explained_with_its_partner_date_and_protection()
    {
        var conflict = Assert.Single(Find(Candidate("Acme Robotics Group", "https://www.ACME.com/en"), Rival("Acme", "acme.com")).Conflicts);
        Assert.Equal(new Conflict(ConflictKind.SameDomain, Rival().DealId, null, 1,
            "same domain acme.com, registered by Northwind on 2026-03-02, protected until 2026-05-31"), conflict);
    }

    [Fact]
    public void A_rival_with_a_similar_name_is_explained_with_how_alike_and_whether_it_awaits_approval()
    {
        var rival = Rival("Contoso Pharmaceutical", domain: null, status: DealStatus.Submitted, protectedUntil: null);
        var conflict = Assert.Single(Find(Candidate("Contoso Pharmaceuticals", "contoso.com"), rival).Conflicts);
        Assert.Equal(ConflictKind.SimilarName, conflict.Kind);
        Assert.Equal(0.9913, conflict.Similarity, 4);
        Assert.Equal("similar name \"Contoso Pharmaceutical\" (99% alike) registered by Northwind on 2026-03-02, awaiting approval", conflict.Explanation);
    }

    [Fact]
    public void An_approved_rival_without_an_end_date_is_protected_and_says_so() =>
        Assert.Equal("same domain acme.com, registered by Northwind on 2026-03-02, approved, with no end to its protection",
            Assert.Single(Find(Candidate(), Rival(protectedUntil: null)).Conflicts).Explanation);

    [Theory]
    [InlineData("2026-05-30", true)]                       // the last protected day
    [InlineData("2026-05-30T23:59:59Z", true)]
    [InlineData("2026-05-31T01:00:00+02:00", true)]        // still May 30 in UTC
    [InlineData("2026-05-31", false)]                      // ProtectedUntil itself: half-open, protection has lapsed
    [InlineData("2026-05-31T00:00:00Z", false)]
    [InlineData("2026-07-01", false)]
    public void A_rival_protects_the_customer_until_its_window_ends(string registeredAt, bool conflicts) =>
        Assert.Equal(conflicts, !Find(Candidate(on: registeredAt), Rival(protectedUntil: "2026-05-31")).IsClean);

    [Theory]
    [InlineData(DealStatus.Submitted, "2026-03-15", true)]     // awaiting a decision claims the customer whatever its dates say
    [InlineData(DealStatus.Approved, "2026-05-31", true)]
    [InlineData(DealStatus.Qualified, "2026-05-31", true)]
    [InlineData(DealStatus.Proposal, "2026-05-31", true)]
    [InlineData(DealStatus.Negotiation, "2026-05-31", true)]
    [InlineData(DealStatus.Negotiation, "2026-04-01", false)]  // lapsed on the candidate's day
    [InlineData(DealStatus.Draft, null, false)]                // not yet submitted
    [InlineData(DealStatus.Returned, null, false)]             // back with the partner
    [InlineData(DealStatus.Rejected, null, false)]
    [InlineData(DealStatus.Won, null, false)]                  // closed: the customer is free again
    [InlineData(DealStatus.Lost, null, false)]
    [InlineData(DealStatus.Expired, null, false)]
    public void Only_a_rival_that_still_claims_the_customer_conflicts(DealStatus status, string? protectedUntil, bool conflicts) =>
        Assert.Equal(conflicts, !Find(Candidate(on: "2026-04-01"), Rival(status: status, protectedUntil: protectedUntil)).IsClean);

    [Theory]
    [InlineData("2026-03-31T23:00:00Z", "...a00", true)]       // registered the day before: first
    [InlineData("2026-04-01T11:59:59Z", "...a00", true)]       // a second before
    [InlineData("2026-04-01T12:00:01Z", "...a00", false)]      // a second after: the candidate was first
    [InlineData("2026-04-01T12:00:00Z", "...a00", true)]       // the same instant, smaller deal id: first
    [InlineData("2026-04-01T12:00:00Z", "...c00", false)]      // the same instant, larger deal id: second
    public void The_first_registered_wins(string rivalAt, string rivalId, bool conflicts)
    {
        var rival = Rival(on: rivalAt) with { DealId = Guid.Parse("00000000-0000-0000-0000-000000000" + rivalId[3..]) };
        Assert.Equal(conflicts, !Find(Candidate(on: "2026-04-01T12:00:00Z"), rival).IsClean);   // the candidate's id ends in b00
    }

    [Fact]
    public void The_partner_s_own_registrations_are_no_rivals() =>
        Assert.True(Find(Candidate(), Rival() with { PartnerId = Contoso }).IsClean);

    [Theory]
    [InlineData("Cloud", "Cloud", true)]
    [InlineData("Cloud", "cloud", true)]             // case-insensitive
    [InlineData("Cloud,Edge", "EDGE,Storage", true)] // one shared line is enough
    [InlineData("Cloud", "Edge", false)]
    [InlineData("", "Edge", true)]                   // a side that names no product line claims them all
    [InlineData("Cloud", "", true)]
    [InlineData("", "", true)]
    public void Rivals_conflict_only_on_a_shared_product_line(string ours, string theirs, bool conflicts)
    {
        static string[] Lines(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var candidate = Candidate() with { ProductLines = Lines(ours) };
        var rival = Rival() with { ProductLines = Lines(theirs) };
        Assert.Equal(conflicts, !Find(candidate, rival).IsClean);
    }

    [Theory]
    [InlineData("Acme", "acme.com", "Acme Robotics Group", "www.acme.com", ConflictKind.SameDomain)]   // the domain decides whatever the names
    [InlineData("Acme", "jane@acme.com", "Acme", "https://acme.com/", ConflictKind.SameDomain)]
    [InlineData("Müller GmbH", "mueller.de", "Muller", "muller-gmbh.de", ConflictKind.SimilarName)]   // other domains, the same name
    [InlineData("Acme, Inc.", null, "ACME Incorporated", null, ConflictKind.SimilarName)]
    [InlineData("Acme", "acme.com", "Acma Robotics", "acma.io", null)]                                // near misses
    [InlineData("Northwind", null, "Southwind", null, null)]
    [InlineData("Globex Corporation", "globex.com", "Globe Express", "globe-express.com", null)]
    [InlineData("Initech", null, "Initrode", null, null)]
    [InlineData("Acme", "not a domain", "Acme Robotics", "not a domain", null)]                        // invalid domains never match
    public void The_same_customer_is_the_same_domain_or_a_name_alike_enough(
        string ours, string? ourDomain, string theirs, string? theirDomain, ConflictKind? kind)
    {
        var report = Find(Candidate(ours, ourDomain), Rival(theirs, theirDomain));
        Assert.Equal(kind, report.Conflicts.SingleOrDefault()?.Kind);
    }
}

/// <summary>A rival keeps the normal forms of its customer once worked out (it meets many submissions); they must follow the record.</summary>
public class RivalNormalFormTests
{
    [Fact]
    public void A_rival_copied_with_another_customer_is_compared_by_the_new_customer_not_the_old()
    {
        var rival = Rival("Acme", "acme.com");
        Assert.Single(ConflictDetection.Find(Candidate("Acme", "acme.com"), [rival], [], MatchPolicy.Default).Conflicts);

        var renamed = rival with { CustomerName = "Globex", CustomerDomain = "globex.com" };
        Assert.Empty(ConflictDetection.Find(Candidate("Acme", "acme.com"), [renamed], [], MatchPolicy.Default).Conflicts);
        Assert.Single(ConflictDetection.Find(Candidate("Globex Corporation", "globex.com"), [renamed], [], MatchPolicy.Default).Conflicts);
    }

    [Fact]
    public void A_rival_whose_normal_forms_were_worked_out_ahead_is_compared_as_it_would_be_otherwise()
    {
        var prepared = Rival("Acme", "acme.com");
        prepared.WorkOutNormalForms();
        Assert.Single(ConflictDetection.Find(Candidate("Acme", "acme.com"), [prepared], [], MatchPolicy.Default).Conflicts);
        Assert.Equal(Rival("Acme", "acme.com") with { ProductLines = prepared.ProductLines }, prepared);
        Assert.Empty(ConflictDetection.Find(Candidate("Acme", "acme.com"), [prepared with { CustomerName = "Globex", CustomerDomain = null }], [],
                                            MatchPolicy.Default).Conflicts);
    }

    [Fact]
    public void Rivals_are_equal_by_their_fields_whether_or_not_their_normal_forms_were_worked_out()
    {
        var compared = Rival("Acme", "acme.com");
        ConflictDetection.Find(Candidate("Acme", "acme.com"), [compared], [], MatchPolicy.Default);
        var fresh = Rival("Acme", "acme.com") with { ProductLines = compared.ProductLines };
        Assert.Equal(fresh, compared);
        Assert.Equal(fresh.GetHashCode(), compared.GetHashCode());
        Assert.NotEqual(compared with { PartnerName = "Contoso" }, compared);
    }
}
