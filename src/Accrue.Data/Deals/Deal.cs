using Accrue.Data.Partners;
using Accrue.Engine.Deals;

namespace Accrue.Data.Deals;

/// <summary>An opportunity a partner registered with the vendor, from draft to won, lost, rejected or expired.</summary>
public sealed class Deal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    /// <summary>The opportunity's id in the vendor's CRM; imports match on it.</summary>
    public string? ExternalId { get; set; }
    public DealStatus Status { get; set; } = DealStatus.Draft;

    public required string CustomerName { get; set; }
    /// <summary>The normalised company name, for matching (see CompanyNames.Normalize).</summary>
    public required string CustomerNameKey { get; set; }
    /// <summary>The first characters of the name key: the block within which similar names are compared.</summary>
    public required string CustomerNameBlock { get; set; }
    /// <summary>The customer's normalised web domain, e.g. acme.com.</summary>
    public string? CustomerDomain { get; set; }
    public required string CustomerCountry { get; set; }
    public string? ContactName { get; set; }
    /// <summary>Lower-cased, so that the same person on several partners' deals is found.</summary>
    public string? ContactEmail { get; set; }
    /// <summary>The product lines, separated by ";".</summary>
    public string ProductLines { get; set; } = "";
    public long EstimatedAmountMinor { get; set; }
    public required string Currency { get; set; }
    public DateOnly ExpectedCloseOn { get; set; }
    public Involvement Involvement { get; set; }
    public string? Notes { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public Guid? CreatedById { get; init; }
    /// <summary>When the partner submitted it: first registered wins, by this time.</summary>
    public DateTimeOffset? RegisteredAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    /// <summary>Why it was rejected or returned for more information.</summary>
    public string? DecisionReason { get; set; }
    public DateOnly? ProtectedFrom { get; set; }
    /// <summary>The day protection lapses (the window is [ProtectedFrom, ProtectedUntil)).</summary>
    public DateOnly? ProtectedUntil { get; set; }
    public DateTimeOffset? ExtensionRequestedAt { get; set; }
    public string? ExtensionReason { get; set; }

    public long? ActualAmountMinor { get; set; }
    public DateOnly? ClosedOn { get; set; }
    /// <summary>The day the deal first reached Qualified or a later stage (won included): qualified_opportunities counts it then.</summary>
    public DateOnly? QualifiedOn { get; set; }
    public string? LostReason { get; set; }
    /// <summary>The customer's payment of a won deal (from the CRM): payment milestones of incentive rules read it.</summary>
    public DateOnly? PaidOn { get; set; }
    /// <summary>A won deal cancelled or refunded afterwards: within a rule's clawback window it stops earning.</summary>
    public DateOnly? ReversedOn { get; set; }

    /// <summary>Conflicts, signals or a spot audit put it in the review queue.</summary>
    public bool NeedsReview { get; set; }
    public bool SpotAudit { get; set; }
    public Guid Revision { get; set; } = Guid.NewGuid();
    /// <summary>
    /// Set by the database on every insert and update, never by the app: on PostgreSQL the id of the writing transaction, on
    /// SQLite a counter. <c>ScreeningIndex</c> reads what changed since its last look by it.
    /// </summary>
    public long ChangeStamp { get; private set; }

    public List<DealConflict> Conflicts { get; init; } = [];
    public List<DealSignal> Signals { get; init; } = [];
    public List<InfluenceEvidence> Evidence { get; init; } = [];

    public IReadOnlyList<string> ProductLineList => ProductLinesOf(ProductLines);

    /// <summary>The product lines stored as "a;b;c", as a list.</summary>
    public static IReadOnlyList<string> ProductLinesOf(string productLines) =>
        productLines.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A clash found when the deal was submitted, with the rival as it stood then.</summary>
public sealed class DealConflict
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DealId { get; init; }
    public Deal? Deal { get; init; }
    public ConflictKind Kind { get; init; }
    public Guid? RivalDealId { get; init; }
    public string? VendorOpportunityId { get; init; }
    public double Similarity { get; init; }
    public required string Explanation { get; init; }
    public string? RivalPartnerName { get; init; }
    public string? RivalCustomerName { get; init; }
    public string? RivalCustomerDomain { get; init; }
    public string? RivalProductLines { get; init; }
    public DateTimeOffset? RivalRegisteredAt { get; init; }
    public DealStatus? RivalStatus { get; init; }
    public DateOnly? RivalProtectedUntil { get; init; }
}

/// <summary>A fraud or gaming signal found when the deal was submitted: information for a reviewer.</summary>
public sealed class DealSignal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DealId { get; init; }
    public Deal? Deal { get; init; }
    public SignalKind Kind { get; init; }
    public required string Explanation { get; init; }
}

/// <summary>Evidence of the partner's influence on the deal: a co-selling call, a joint demo, a sourced lead.</summary>
public sealed class InfluenceEvidence
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DealId { get; init; }
    public Deal? Deal { get; init; }
    public EvidenceKind Kind { get; init; }
    public DateOnly OccurredOn { get; init; }
    public required string Who { get; init; }
    public string? Notes { get; init; }
    public required string LoggedBy { get; init; }
    public DateTimeOffset LoggedAt { get; init; }
}

/// <summary>An opportunity of the vendor's own sales team, imported from the CRM: registrations after it are flagged.</summary>
public sealed class PipelineOpportunity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string ExternalId { get; init; }
    public required string CustomerName { get; set; }
    public required string CustomerNameKey { get; set; }
    public required string CustomerNameBlock { get; set; }
    public string? CustomerDomain { get; set; }
    public required string Owner { get; set; }
    public DateOnly CreatedOn { get; set; }
    /// <summary>Set by the database on every insert and update, as <see cref="Deal.ChangeStamp"/> is; <c>ScreeningIndex</c> reads changes by it.</summary>
    public long ChangeStamp { get; private set; }
}
