using Accrue.Data.Incentives;
using Accrue.Engine.Ledger;

namespace Accrue.Web.Features.Payouts;

public sealed record PostRunRequest(Guid RunId);

public sealed record ReverseRequest(string? Reason);

public sealed record CreateStatementsRequest(string? Period);

public sealed record StatementsCreated(string Period, int Statements, long TotalMinor);

/// <summary>Marks a statement paid: the reference of the bank transfer or accounts-payable run, and the day it was paid.</summary>
public sealed record PaymentRequest(string? Reference, DateOnly? PaidOn);

public sealed record VoidRequest(string? Reason);

public sealed record BulkApproval(IReadOnlyList<Guid> StatementIds);

public sealed record BulkResult(Guid StatementId, bool Done, string Message);

public sealed record StatementQuery(string? Period, StatementStatus? Status, string? Search, Guid? PartnerId, int Page, int PageSize);

public sealed record StatementView(
    Guid Id, Guid PartnerId, string PartnerName, string Period, string Currency, long TotalMinor, int LineCount, StatementStatus Status,
    DateTimeOffset CreatedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? PaymentReference, DateOnly? PaidOn, string? VoidReason);

/// <summary>A statement line: a posted transaction with what earned it.</summary>
/// <param name="Explanation">The calculation's explanation of the line, when the transaction posted one.</param>
public sealed record StatementLine(
    Guid TransactionId, TransactionKind Kind, string RuleId, string RuleName, IncentiveLineKind? LineKind, long AmountMinor, string Reason,
    string? Explanation, IReadOnlyList<StatementDeal> Deals, DateTimeOffset PostedAt);

public sealed record StatementDeal(Guid DealId, string CustomerName, long AmountMinor, string Currency, DateOnly? ClosedOn);

public sealed record RuleSubtotal(string RuleId, string RuleName, long AmountMinor);

public sealed record StatementDetail(StatementView Statement, IReadOnlyList<StatementLine> Lines, IReadOnlyList<RuleSubtotal> ByRule);
