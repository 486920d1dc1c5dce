using Accrue.Data.Partners;
using Accrue.Engine.Ledger;

namespace Accrue.Data.Ledger;

/// <summary>A ledger transaction as stored: append-only (the database refuses UPDATE and DELETE), unique by its idempotency key.</summary>
public sealed class LedgerTransactionRecord
{
    public Guid Id { get; init; }
    public required string IdempotencyKey { get; init; }
    public TransactionKind Kind { get; init; }
    public Guid? ReversesId { get; init; }
    /// <summary>"2026-Q3".</summary>
    public required string Period { get; init; }
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    public string? RuleId { get; init; }
    public int? ProgramVersion { get; init; }
    /// <summary>The calculation run posted; for a payment, the statement paid.</summary>
    public Guid? RunId { get; init; }
    public required string Currency { get; init; }
    /// <summary>What the transaction adds to the partner's account (accrued incentives or fund), positive when it credits the partner.</summary>
    public long PartnerAmountMinor { get; init; }
    public bool IsFund { get; init; }
    /// <summary>The deals of the posted line's basis (JSON array), so that a later posting can say which entered or left.</summary>
    public string Deals { get; init; } = "[]";
    public required string Reason { get; init; }
    public DateTimeOffset PostedAt { get; init; }
    public required string PostedBy { get; init; }
    /// <summary>The dispute whose resolution posted it: such an adjustment stands apart from what calculations post.</summary>
    public Guid? DisputeId { get; init; }
    public List<LedgerEntryRecord> Entries { get; init; } = [];
}

/// <summary>One side of a stored transaction: debit positive, credit negative, in minor units.</summary>
public sealed class LedgerEntryRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TransactionId { get; init; }
    public Account Account { get; init; }
    public Guid? PartnerId { get; init; }
    public required string Currency { get; init; }
    public long AmountMinor { get; init; }
}

/// <summary>A partner's payout statement for a period and currency: the cash transactions it gathers, and its approval and payment.</summary>
public sealed class PayoutStatement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    public required string Period { get; init; }
    public required string Currency { get; init; }
    public long TotalMinor { get; init; }
    public int LineCount { get; set; }
    public StatementStatus Status { get; set; } = StatementStatus.Draft;
    /// <summary>Who ran or posted the calculations on it, one per line: they may not approve it.</summary>
    public required string PreparedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? PaymentReference { get; set; }
    public DateOnly? PaidOn { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? PaidBy { get; set; }
    public Guid? PaymentTransactionId { get; set; }
    public string? VoidedBy { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidReason { get; set; }
    public Guid Revision { get; set; } = Guid.NewGuid();
}

/// <summary>A transaction on a statement. A transaction is on one live statement at most (unique); voiding a statement releases its items.</summary>
public sealed class StatementItem
{
    public Guid StatementId { get; init; }
    public Guid TransactionId { get; init; }
}

public enum DisputeStatus { Open, InReview, Upheld, Rejected }

/// <summary>A partner's dispute of one statement line: its reason and evidence, who owns it, and how it was resolved.</summary>
public sealed class StatementDispute
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid StatementId { get; init; }
    public Guid TransactionId { get; init; }
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    public required string Reason { get; init; }
    public string? AttachmentName { get; init; }
    public byte[]? Attachment { get; init; }
    public DisputeStatus Status { get; set; } = DisputeStatus.Open;
    /// <summary>The staff member who handles it.</summary>
    public string? Owner { get; set; }
    public string? Resolution { get; set; }
    /// <summary>What an upheld dispute credits (or takes back), posted as an adjustment; null when nothing.</summary>
    public long? AdjustmentMinor { get; set; }
    public Guid? AdjustmentTransactionId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Revision { get; set; } = Guid.NewGuid();
}
