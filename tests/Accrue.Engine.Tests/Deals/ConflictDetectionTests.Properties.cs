using Accrue.Engine.Deals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Deals;

public partial class ConflictDetectionTests
{
    /// <summary>One partner's open registration, which can be run as the candidate or as the rival.</summary>
    sealed record Registration(Guid DealId, Guid PartnerId, string Customer, string? Domain, string[] Lines, DateTimeOffset At, DealStatus Status)
    {
        public DealCandidate AsCandidate() => new(DealId, PartnerId, Customer, Domain, Lines, At);
        public RivalRegistration AsRival() => new(DealId, PartnerId, "P" + PartnerId.ToString()[^1], Customer, Domain, Lines, At, Status, null);
        public Registration WithCustomerOf(Registration other) => this with { Customer = other.Customer, Domain = other.Domain, Lines = other.Lines };
    }

    static readonly string[] Customers = ["Acme", "ACME Inc.", "Acme Holdings GmbH & Co. KG", "Acma Robotics", "Globex", "Globe Express", "Müller GmbH", "Muller"];
    static readonly string?[] Domains = [null, "acme.com", "https://www.acme.com", "globex.com", "not a domain"];
    static readonly DealStatus[] Claiming = [DealStatus.Submitted, DealStatus.Approved, DealStatus.Qualified, DealStatus.Proposal, DealStatus.Negotiation];

    static Gen<Registration> Registrations(int partner) =>
        from id in Gen.Choose(1, 3)
        from customer in Gen.Elements(Customers)
        from domain in Gen.Elements(Domains)
        from lines in Gen.SubListOf("Cloud", "Edge")
        from minute in Gen.Choose(0, 2)
        from status in Gen.Elements(Claiming)
        select new Registration(Guid.Parse($"00000000-0000-0000-0000-{id:x12}"), Guid.Parse($"00000000-0000-0000-0000-{partner:x12}"),
            customer, domain, [.. lines], A.At("2026-04-01T12:00:00Z").AddMinutes(minute), status);

    /// <summary>Two different deals of two partners, the earlier (by time, then id) first.</summary>
    static readonly Arbitrary<(Registration Earlier, Registration Later)> Pairs =
        (from a in Registrations(1)
         from b in Registrations(2)
         where a.DealId != b.DealId
         select (a.At, a.DealId).CompareTo((b.At, b.DealId)) < 0 ? (a, b) : (b, a)).ToArbitrary();

    static bool Conflicts(Registration candidate, Registration rival) =>
        !ConflictDetection.Find(candidate.AsCandidate(), [rival.AsRival()], [], MatchPolicy.Default).IsClean;

    [Property(MaxTest = 1000)]
    public Property The_earlier_registration_never_conflicts_with_a_later_one() =>
        Prop.ForAll(Pairs, pair => !Conflicts(pair.Earlier, pair.Later));

    [Property(MaxTest = 1000)]
    public Property Whether_two_claims_clash_does_not_depend_on_which_names_the_customer_which_way() =>
        Prop.ForAll(Pairs, pair =>
            Conflicts(pair.Later, pair.Earlier) == Conflicts(pair.Later.WithCustomerOf(pair.Earlier), pair.Earlier.WithCustomerOf(pair.Later)));

    [Property(MaxTest = 1000)]
    public Property If_the_later_clashes_with_the_earlier_then_the_earlier_moved_later_clashes_with_it() =>
        Prop.ForAll(Pairs, pair =>
        {
            var movedLater = pair.Earlier with { At = pair.Later.At.AddMinutes(1) };
            var clash = Conflicts(pair.Later, pair.Earlier);
            return (clash == Conflicts(movedLater, pair.Later)).Classify(clash, "clash").Classify(pair.Earlier.At == pair.Later.At, "same instant");
        });
}
