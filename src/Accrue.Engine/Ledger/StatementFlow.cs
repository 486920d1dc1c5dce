namespace Accrue.Engine.Ledger;

public enum StatementStatus { Draft, Approved, Paid, Voided }

/// <summary>A payout statement's state as its transitions read it.</summary>
/// <param name="PreparedBy">Who ran or posted the calculations on the statement: none of them may approve it (four eyes).</param>
public sealed record StatementState(
    StatementStatus Status, long TotalMinor, IReadOnlySet<string> PreparedBy, string? ApprovedBy = null,
    string? PaymentReference = null, DateOnly? PaidOn = null, string? VoidReason = null);

/// <summary>What a transition did: moved the statement, found it already there (the same answer again), or refused and why.</summary>
public abstract record StatementStep
{
    public sealed record Moved(StatementState Now) : StatementStep;
    public sealed record Already(StatementState Now, string Message) : StatementStep;
    /// <param name="FourEyes">Refused because the person prepared what they would approve (not a state problem: a person problem).</param>
    public sealed record Refused(string Reason, bool FourEyes = false) : StatementStep;
}

/// <summary>
/// Draft → Approved → Paid, and Draft or Approved → Voided. Each transition is a pure function of the
/// state, so the storage can apply it with a compare-and-set on the statement's revision: of five
/// identical requests at once one moves the statement and the others read it back as already done.
/// </summary>
public static class StatementFlow
{
    public static StatementStep Approve(StatementState s, string approver) => s.Status switch
    {
        StatementStatus.Approved => new StatementStep.Already(s, $"Already approved by {s.ApprovedBy}."),
        StatementStatus.Paid => new StatementStep.Refused($"The statement is paid ({s.PaymentReference}); there is nothing to approve."),
        StatementStatus.Voided => new StatementStep.Refused("The statement is voided; a new statement gathers its lines."),
        _ when s.PreparedBy.Contains(approver, StringComparer.OrdinalIgnoreCase) =>
            new StatementStep.Refused($"{approver} ran or posted a calculation on this statement; another finance user approves it (four eyes).", FourEyes: true),
        _ when s.TotalMinor <= 0 => new StatementStep.Refused("The statement pays nothing; void it instead."),
        _ => new StatementStep.Moved(s with { Status = StatementStatus.Approved, ApprovedBy = approver }),
    };

    /// <summary>Marks an approved statement paid; a repeat answers with the first payment, whatever reference it carries.</summary>
    public static StatementStep Pay(StatementState s, string reference, DateOnly paidOn) => s.Status switch
    {
        StatementStatus.Paid => new StatementStep.Already(s, $"Already paid on {s.PaidOn:yyyy-MM-dd} with reference {s.PaymentReference}."),
        StatementStatus.Draft => new StatementStep.Refused("The statement is not approved yet: a finance user approves it before it is paid."),
        StatementStatus.Voided => new StatementStep.Refused("The statement is voided and cannot be paid."),
        _ when string.IsNullOrWhiteSpace(reference) => new StatementStep.Refused("A payment needs its reference (the bank or accounts-payable reference)."),
        _ => new StatementStep.Moved(s with { Status = StatementStatus.Paid, PaymentReference = reference.Trim(), PaidOn = paidOn }),
    };

    /// <summary>Voids a statement not yet paid; it posts nothing (statements post only when paid), and its lines return to be stated again.</summary>
    public static StatementStep Void(StatementState s, string reason) => s.Status switch
    {
        StatementStatus.Voided => new StatementStep.Already(s, $"Already voided: {s.VoidReason}"),
        StatementStatus.Paid => new StatementStep.Refused("A paid statement is not voided; a later calculation's difference corrects it."),
        _ when string.IsNullOrWhiteSpace(reason) => new StatementStep.Refused("Say why the statement is voided."),
        _ => new StatementStep.Moved(s with { Status = StatementStatus.Voided, VoidReason = reason.Trim() }),
    };

    /// <summary>The payment a paid statement posts: the partner's accrued incentives move to cash; nothing for a statement of 0.</summary>
    public static LedgerTransaction? Payment(Guid id, Guid statementId, Guid partnerId, string period, string currency, long amountMinor, string reference) =>
        amountMinor == 0 ? null : new LedgerTransaction(
            id, $"payment|{statementId:N}", TransactionKind.Payment, new TransactionSubject(period, partnerId, RunId: statementId),
            $"Statement {statementId.ToString()[..8]} for {period} paid, reference {reference}.",
            [new LedgerEntry(Account.AccruedIncentives, partnerId, currency, amountMinor), new LedgerEntry(Account.Cash, null, currency, -amountMinor)]);
}
