// The ledger's double-entry model: accounts, entries and transactions that balance, corrections only
// by reversal. Pure: ids, keys and times are inputs. Accrue.Data stores it append-only; the
// chart of accounts and what each kind posts are in docs/program-semantics.md (Ledger).
namespace Accrue.Engine.Ledger;

/// <summary>The chart of accounts. Partner accounts are kept per partner and currency; program accounts per currency.</summary>
public enum Account
{
    /// <summary>Program side: what cash incentives cost the vendor (debit).</summary>
    IncentiveExpense,
    /// <summary>Program side: what co-marketing fund accruals cost the vendor (debit).</summary>
    FundExpense,
    /// <summary>Partner side: cash incentives owed to the partner and not yet paid (credit).</summary>
    AccruedIncentives,
    /// <summary>Partner side: the partner's co-marketing fund (credit).</summary>
    FundBalance,
    /// <summary>Program side: cash paid out to partners (credit).</summary>
    Cash,
}

public enum TransactionKind
{
    /// <summary>The first posting of a rule's line for a partner and period.</summary>
    Accrual,
    /// <summary>A later calculation's difference: a corrected deal, a payment seen, a rule version changed.</summary>
    Adjustment,
    /// <summary>A difference that takes back what cancelled or refunded deals earned, within the rule's clawback window.</summary>
    Clawback,
    /// <summary>A statement paid: the partner's accrued incentives move to cash.</summary>
    Payment,
    /// <summary>Another transaction's entries negated: the only way to correct one.</summary>
    Reversal,
}

/// <summary>One side of a transaction: a debit is positive, a credit negative, in minor units.</summary>
/// <param name="PartnerId">The partner whose account it is; null for the program's accounts.</param>
public readonly record struct LedgerEntry(Account Account, Guid? PartnerId, string Currency, long AmountMinor)
{
    public static bool IsPartnerAccount(Account account) => account is Account.AccruedIncentives or Account.FundBalance;
}

/// <summary>What a transaction is about, carried for the people who read it.</summary>
/// <param name="RuleId">The incentive rule, for accruals, adjustments and clawbacks.</param>
/// <param name="ProgramVersion">The program version the posted calculation used.</param>
/// <param name="RunId">The calculation run posted; the statement paid, for payments.</param>
public sealed record TransactionSubject(string Period, Guid PartnerId, string? RuleId = null, int? ProgramVersion = null, Guid? RunId = null);

/// <summary>A ledger transaction: entries that sum to zero in each currency, an idempotency key, and why.</summary>
public sealed class LedgerTransaction
{
    public Guid Id { get; }
    /// <summary>Derived from what is posted, so that posting the same thing twice, even at once, yields one transaction.</summary>
    public string IdempotencyKey { get; }
    public TransactionKind Kind { get; }
    public TransactionSubject Subject { get; }
    /// <summary>The transaction a reversal negates.</summary>
    public Guid? Reverses { get; }
    public string Reason { get; }
    public IReadOnlyList<LedgerEntry> Entries { get; }

    /// <exception cref="UnbalancedTransactionException">The entries do not sum to zero in each currency, or there are none.</exception>
    public LedgerTransaction(Guid id, string idempotencyKey, TransactionKind kind, TransactionSubject subject, string reason,
                             IReadOnlyList<LedgerEntry> entries, Guid? reverses = null)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey)) throw new ArgumentException("A transaction needs an idempotency key.", nameof(idempotencyKey));
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A transaction says why it was posted.", nameof(reason));
        if ((kind == TransactionKind.Reversal) != (reverses is not null))
            throw new ArgumentException("A reversal, and only a reversal, names the transaction it reverses.", nameof(reverses));
        if (entries.Count == 0) throw new UnbalancedTransactionException("A transaction has at least one entry on each side; this one has none.");
        foreach (var entry in entries)
        {
            if (entry.AmountMinor == 0) throw new UnbalancedTransactionException($"An entry of 0 on {entry.Account} says nothing; leave it out.");
            if (LedgerEntry.IsPartnerAccount(entry.Account) != (entry.PartnerId is not null))
                throw new UnbalancedTransactionException($"{entry.Account} is {(LedgerEntry.IsPartnerAccount(entry.Account) ? "a partner's" : "the program's")} account.");
        }
        foreach (var currency in entries.GroupBy(e => e.Currency))
        {
            var sum = currency.Aggregate(0L, (s, e) => checked(s + e.AmountMinor));
            if (sum != 0) throw new UnbalancedTransactionException($"The {currency.Key} entries sum to {sum}, not 0: a transaction balances in each currency.");
        }
        (Id, IdempotencyKey, Kind, Subject, Reason, Entries, Reverses) = (id, idempotencyKey, kind, subject, reason, entries, reverses);
    }

    /// <summary>This transaction's entries negated, pointing back at it; a reversal itself is not reversed (post the original again instead).</summary>
    public LedgerTransaction Reversal(Guid id, string reason)
    {
        if (Kind == TransactionKind.Reversal) throw new InvalidOperationException("A reversal is not reversed: post the original transaction again instead.");
        return new LedgerTransaction(id, $"reversal|{Id}", TransactionKind.Reversal, Subject, reason,
                                     Entries.Select(e => e with { AmountMinor = -e.AmountMinor }).ToList(), Id);
    }

    /// <summary>The partner-side amount: what the transaction adds to the partner's account (accrued incentives or fund), as a positive credit.</summary>
    public long PartnerAmountMinor(Account account) => -Entries.Where(e => e.Account == account).Sum(e => e.AmountMinor);
}

public sealed class UnbalancedTransactionException(string reason) : Exception(reason);

/// <summary>Account balances: a fold over transactions, debits positive.</summary>
public static class LedgerBalances
{
    public static IReadOnlyDictionary<(Account Account, Guid? PartnerId, string Currency), long> Of(IEnumerable<LedgerTransaction> transactions)
    {
        var balances = new Dictionary<(Account, Guid?, string), long>();
        foreach (var entry in transactions.SelectMany(t => t.Entries))
        {
            var key = (entry.Account, entry.PartnerId, entry.Currency);
            balances[key] = checked(balances.GetValueOrDefault(key) + entry.AmountMinor);
        }
        return balances;
    }

    /// <summary>What a partner is owed in cash (the credit balance of its accrued incentives), in one currency.</summary>
    public static long Owed(IEnumerable<LedgerTransaction> transactions, Guid partnerId, string currency) =>
        -transactions.SelectMany(t => t.Entries)
            .Where(e => e.Account == Account.AccruedIncentives && e.PartnerId == partnerId && e.Currency == currency)
            .Sum(e => e.AmountMinor);
}
