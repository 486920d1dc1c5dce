// The public shape of the deal-registration engine, agreed before its implementation: the web
// side is written against these types. Implementations live beside this file.
namespace Accrue.Engine.Deals;

/// <summary>Where a registered deal stands.</summary>
public enum DealStatus { Draft, Submitted, Returned, Approved, Rejected, Qualified, Proposal, Negotiation, Won, Lost, Expired }

/// <summary>How the partner is involved in the opportunity.</summary>
public enum Involvement { PartnerSourced, CoSelling, Referral }

/// <summary>Evidence that the partner influenced the deal, which incentive rules may later require.</summary>
public enum EvidenceKind { CoSellingCall, JointDemo, PartnerSourcedLead }

/// <summary>Why a candidate registration clashes with an earlier one or with the vendor's own pipeline.</summary>
public enum ConflictKind { SameDomain, SimilarName, VendorPipeline }

/// <summary>A pattern that a human reviewer should look at; signals never reject on their own.</summary>
public enum SignalKind { RegistrationBurst, LastDaysOfPromotion, RoundAmount, OutlierAmount, SharedCustomerContact, VendorAlreadyEngaged }

/// <summary>The registration being checked.</summary>
public sealed record DealCandidate(
    Guid DealId, Guid PartnerId, string CustomerName, string? CustomerDomain, IReadOnlyList<string> ProductLines,
    DateTimeOffset RegisteredAt);

/// <summary>An open registration of another partner (submitted, or approved and not closed).</summary>
/// <remarks>
/// A rival is compared with many submissions over its life, so the normal forms of its customer's name and domain are
/// worked out once per record and kept with it; they are derived, so equality leaves them out.
/// </remarks>
public sealed record RivalRegistration(
    Guid DealId, Guid PartnerId, string PartnerName, string CustomerName, string? CustomerDomain, IReadOnlyList<string> ProductLines,
    DateTimeOffset RegisteredAt, DealStatus Status, DateOnly? ProtectedUntil)
{
    // Setting the name or the domain, also through `with`, forgets the normal forms of the old ones.
    public string CustomerName { get; init { field = value; customer = null; } } = CustomerName;
    public string? CustomerDomain { get; init { field = value; customer = null; } } = CustomerDomain;
    NormalCustomer? customer;
    internal NormalCustomer Customer => customer ??= NormalCustomer.Of(CustomerName, CustomerDomain);

    /// <summary>
    /// Works the normal forms out now instead of at the first comparison. A record kept for long (in an index) and its
    /// normal forms made together also lie together in memory, and comparing with it reads memory once instead of twice.
    /// </summary>
    public void WorkOutNormalForms() => _ = Customer;

    public bool Equals(RivalRegistration? other) =>
        other is not null
        && (DealId, PartnerId, PartnerName, CustomerName, CustomerDomain, ProductLines, RegisteredAt, Status, ProtectedUntil)
        == (other.DealId, other.PartnerId, other.PartnerName, other.CustomerName, other.CustomerDomain, other.ProductLines, other.RegisteredAt,
            other.Status, other.ProtectedUntil);

    public override int GetHashCode() => HashCode.Combine(DealId, PartnerId, CustomerName, RegisteredAt, Status);
}

/// <summary>An opportunity from the vendor's own pipeline (imported from the CRM).</summary>
/// <remarks>Kept like a rival: the normal forms of its customer are worked out once, and equality leaves them out.</remarks>
public sealed record VendorOpportunity(string Id, string CustomerName, string? CustomerDomain, string Owner, DateOnly CreatedOn)
{
    public string CustomerName { get; init { field = value; customer = null; } } = CustomerName;
    public string? CustomerDomain { get; init { field = value; customer = null; } } = CustomerDomain;
    NormalCustomer? customer;
    internal NormalCustomer Customer => customer ??= NormalCustomer.Of(CustomerName, CustomerDomain);

    public bool Equals(VendorOpportunity? other) =>
        other is not null && (Id, CustomerName, CustomerDomain, Owner, CreatedOn) == (other.Id, other.CustomerName, other.CustomerDomain, other.Owner, other.CreatedOn);

    public override int GetHashCode() => HashCode.Combine(Id, CustomerName, CustomerDomain, Owner, CreatedOn);
}

/// <summary>A customer as names are compared: its normal name (<see cref="CompanyNames"/>) and domain (<see cref="WebDomains"/>).</summary>
/// <remarks>
/// With the domain's hash and the name's outline beside them: a submission is compared with every rival in its block, and
/// most of them are other customers, which these tell without reading the strings (each elsewhere in memory).
/// </remarks>
sealed record NormalCustomer(string Name, string? Domain)
{
    public int DomainHash { get; } = Domain?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public NameOutline Outline { get; } = NameOutline.Of(Name);

    public static NormalCustomer Of(string name, string? domain) => new(CompanyNames.Normalize(name), WebDomains.Normalize(domain));
}

public sealed record Conflict(ConflictKind Kind, Guid? RivalDealId, string? VendorOpportunityId, double Similarity, string Explanation);

public sealed record ConflictReport(IReadOnlyList<Conflict> Conflicts)
{
    public bool IsClean => Conflicts.Count == 0;
}

/// <summary>A signal and the reason for it in words.</summary>
public sealed record FraudSignal(SignalKind Kind, string Explanation);

/// <summary>A promotion whose end can draw last-minute registrations.</summary>
public sealed record PromotionWindow(string Name, DateOnly EndsOn);

/// <summary>One earlier registration of the same partner: when, and for how much in which currency.</summary>
/// <remarks>A value, not an object: a history of hundreds is read for every submission, and values side by side read fast.</remarks>
public readonly record struct PastRegistration(DateTimeOffset RegisteredAt, long AmountMinor, string Currency);

/// <summary>Another partner's registration that names the same customer contact.</summary>
public sealed record ContactUse(string PartnerName, string ContactEmail, DateTimeOffset RegisteredAt);

/// <summary>Everything the fraud signals look at for one registration.</summary>
public sealed record FraudCheck(
    DealCandidate Candidate, long AmountMinor, string Currency, int CurrencyMinorDigits, string? ContactEmail,
    IReadOnlyList<PastRegistration> PartnerHistory, IReadOnlyList<ContactUse> SameContactElsewhere,
    IReadOnlyList<PromotionWindow> Promotions, IReadOnlyList<VendorOpportunity> VendorEngaged);
