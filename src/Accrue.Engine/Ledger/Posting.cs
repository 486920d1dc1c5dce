using Accrue.Engine.Money;

namespace Accrue.Engine.Ledger;

/// <summary>One line of a calculation run as the ledger posts it (a rule's line, or the cash budget's reduction).</summary>
/// <param name="IsFund">Accrues into the partner's co-marketing fund, not cash.</param>
/// <param name="Deals">The deals that earned it, to say which entered or left the basis.</param>
public sealed record RunLine(Guid PartnerId, string RuleId, string RuleName, bool IsFund, string Currency, long AmountMinor, IReadOnlyList<Guid> Deals);

/// <summary>A completed calculation run to post.</summary>
/// <param name="ReversedDeals">Deals cancelled or refunded as of the run: a difference they explain is a clawback.</param>
public sealed record PostingRun(Guid RunId, string Period, int ProgramVersion, IReadOnlyList<RunLine> Lines, IReadOnlySet<Guid> ReversedDeals);

/// <summary>What is posted so far for one partner, rule and currency in a period.</summary>
/// <param name="Transactions">How many transactions posted it: the next one's sequence number.</param>
/// <param name="Deals">The basis of the last posting.</param>
/// <param name="IsFund">Posted to the partner's fund rather than its accrued incentives.</param>
public sealed record PostedLine(long AmountMinor, int Transactions, IReadOnlyList<Guid> Deals, int ProgramVersion, bool IsFund);

/// <summary>Posts a calculation: the first posting of a line writes it; a later one writes only the difference, and says why.</summary>
/// <remarks>
/// The idempotency key is the period, partner, rule, currency and the sequence number of the posting
/// for them. Posting a calculation already posted gives nothing; two postings of one recalculation at
/// once give the same keys, so the database's unique index keeps one; two different recalculations at
/// once also collide, and the one that loses posts its difference again from what the other left.
/// </remarks>
public static class Posting
{
    public static IReadOnlyList<LedgerTransaction> Of(
        PostingRun run, IReadOnlyDictionary<(Guid PartnerId, string RuleId, string Currency), PostedLine> posted, Func<Guid> newId)
    {
        var lines = run.Lines.GroupBy(l => (l.PartnerId, l.RuleId, l.Currency))
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single() : throw new ArgumentException($"The run has two lines for {g.Key}.", nameof(run)));
        var transactions = new List<LedgerTransaction>();
        foreach (var key in lines.Keys.Union(posted.Keys).OrderBy(k => k.PartnerId).ThenBy(k => k.RuleId, StringComparer.Ordinal).ThenBy(k => k.Currency, StringComparer.Ordinal))
        {
            var line = lines.GetValueOrDefault(key);
            var before = posted.GetValueOrDefault(key);
            var difference = (line?.AmountMinor ?? 0) - (before?.AmountMinor ?? 0);
            if (difference == 0) continue;
            // A line a later run no longer has is taken back from the account it was posted to.
            var isFund = line?.IsFund ?? before!.IsFund;
            var (expense, partnerAccount) = isFund ? (Account.FundExpense, Account.FundBalance) : (Account.IncentiveExpense, Account.AccruedIncentives);
            var (kind, reason) = Explain(run, key.RuleId, line, before, difference);
            transactions.Add(new LedgerTransaction(
                newId(), $"post|{run.Period}|{key.PartnerId:N}|{key.RuleId}|{key.Currency}|{before?.Transactions ?? 0}", kind,
                new TransactionSubject(run.Period, key.PartnerId, key.RuleId, run.ProgramVersion, run.RunId), reason,
                [new LedgerEntry(expense, null, key.Currency, difference), new LedgerEntry(partnerAccount, key.PartnerId, key.Currency, -difference)]));
        }
        return transactions;
    }

    static (TransactionKind, string) Explain(PostingRun run, string ruleId, RunLine? line, PostedLine? before, long difference)
    {
        var currency = line?.Currency ?? run.Lines.FirstOrDefault()?.Currency;
        string Money(long minor) => currency is not null && Currency.TryOf(currency, out var c)
            ? MoneyText.Format(minor / (decimal)c.MinorPerMajor, c.Code) : minor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = line?.RuleName ?? ruleId;
        if (before is null)
            return (TransactionKind.Accrual, $"{name}, {run.Period}: {Money(difference)} accrued by the calculation of version {run.ProgramVersion}.");

        var after = line?.AmountMinor ?? 0;
        var now = line?.Deals ?? [];
        var entered = now.Except(before.Deals).ToList();
        var left = before.Deals.Except(now).ToList();
        var reasons = new List<string>();
        if (entered.Count > 0) reasons.Add($"{Deals(entered)} entered the basis");
        var clawedBack = left.Where(run.ReversedDeals.Contains).ToList();
        var otherwiseLeft = left.Except(clawedBack).ToList();
        if (clawedBack.Count > 0) reasons.Add($"{Deals(clawedBack)} cancelled or refunded within the clawback window");
        if (otherwiseLeft.Count > 0) reasons.Add($"{Deals(otherwiseLeft)} left the basis");
        if (before.ProgramVersion != run.ProgramVersion) reasons.Add($"the program changed from version {before.ProgramVersion} to {run.ProgramVersion}");
        if (reasons.Count == 0) reasons.Add("a deal of the basis was corrected (amount, date or payment)");
        var kind = difference < 0 && clawedBack.Count > 0 ? TransactionKind.Clawback : TransactionKind.Adjustment;
        return (kind, $"{name}, {run.Period}: {Money(before.AmountMinor)} → {Money(after)} ({(difference > 0 ? "+" : "")}{Money(difference)}): {string.Join("; ", reasons)}.");
    }

    static string Deals(IReadOnlyList<Guid> deals) =>
        (deals.Count == 1 ? "deal " : $"{deals.Count} deals, ") + string.Join(", ", deals.Take(5).Select(d => d.ToString()[..8])) + (deals.Count > 5 ? ", …" : "");
}
