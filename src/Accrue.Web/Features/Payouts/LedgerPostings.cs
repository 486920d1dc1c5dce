using System.Text.Json;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Incentives;
using Accrue.Data.Ledger;
using Accrue.Engine.Ledger;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Payouts;

public sealed record PostingResult(Guid RunId, string Period, int Transactions, long AccruedMinor, long AdjustedMinor, long ClawedBackMinor, string Currency, string Message);

/// <summary>Posts calculation runs to the ledger: the first posting of a period writes its lines, later ones only the difference.</summary>
/// <remarks>
/// A posting is one database transaction: every ledger transaction of the run or none. Its idempotency
/// keys come from what is posted (Accrue.Engine.Ledger.Posting), so a repeat posts nothing and two
/// postings at once collide on the unique index: the loser rolls back, reads the ledger again and
/// finds nothing left to post.
/// </remarks>
public sealed class LedgerPostings(AccrueDbFactory dbs, ProgramVersions programs, AuditTrail audit, TimeProvider clock)
{
    static readonly TransactionKind[] PostingKinds = [TransactionKind.Accrual, TransactionKind.Adjustment, TransactionKind.Clawback];

    /// <summary>Ledger transactions written per batch, all inside the posting's one database transaction.</summary>
    public const int DefaultBatchSize = 200;

    /// <summary>Posts the run's difference to the ledger.</summary>
    /// <param name="written">Told after each batch is written (uncommitted until the last): the transactions written so far and the total.</param>
    public async Task<PostingResult> PostAsync(Guid runId, CancellationToken ct, int batchSize = DefaultBatchSize, Action<int, int>? written = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryPostAsync(runId, batchSize, written, ct);
            }
            catch (Exception lost) when (attempt < 3 && LostTheRace(lost))
            {
                // Another posting of the same difference won the unique keys (or PostgreSQL chose this one as a
                // deadlock's victim); its transaction is rolled back, and what is left is posted now (normally nothing).
            }
        }
    }

    static bool LostTheRace(Exception e) =>
        e is DbUpdateException || e.InnerException is { } inner && LostTheRace(inner)
        || e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure };

    /// <summary>The latest completed calculation of a period, the one to post; null when there is none.</summary>
    public async Task<Guid?> LatestRunAsync(string period, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await db.CalculationRuns.AsNoTracking().Where(r => r.Period == period && r.Status == CalculationRunStatus.Completed)
            .OrderByDescending(r => r.StartedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
    }

    async Task<PostingResult> TryPostAsync(Guid runId, int batchSize, Action<int, int>? written, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var run = await db.CalculationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new RecordNotFound("The calculation run");
        if (run.Status != CalculationRunStatus.Completed)
            throw new StateConflict($"Only a completed calculation is posted; this run is {run.Status.ToString().ToLowerInvariant()}.");
        var postedRuns = await db.LedgerTransactions.Where(t => t.Period == run.Period && PostingKinds.Contains(t.Kind) && t.RunId != null)
            .Select(t => t.RunId!.Value).Distinct().ToListAsync(ct);
        var later = await db.CalculationRuns.AsNoTracking().Where(r => postedRuns.Contains(r.Id) && r.StartedAt > run.StartedAt)
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        if (later is not null)
            throw new StateConflict($"A later calculation of {run.Period} (started {later.StartedAt:yyyy-MM-dd HH:mm} by {later.StartedBy}) is posted already; post the latest run, not an older one.");

        var names = (await programs.FindAsync(run.ProgramVersion, ct))?.Definition?.Incentives.ToDictionary(r => r.Id, r => r.Name) ?? [];
        names[IncentiveLine.CashBudgetRuleId] = "Program cash budget";
        var stored = await db.IncentiveLines.AsNoTracking().Where(l => l.RunId == runId)
            .Select(l => new { l.PartnerId, l.RuleId, l.Kind, l.Currency, l.AmountMinor, l.Basis }).ToListAsync(ct);
        var lines = stored.Select(l => new RunLine(l.PartnerId, l.RuleId, names.GetValueOrDefault(l.RuleId, l.RuleId), l.Kind == IncentiveLineKind.FundAccrual,
                                                   l.Currency, l.AmountMinor, LineBasis.Read(l.Basis).Deals)).ToList();
        var reversed = (await db.Deals.AsNoTracking().Where(d => d.ReversedOn != null && d.ReversedOn < run.AsOf).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        var posted = await PostedAsync(db, run.Period, ct);

        var transactions = Posting.Of(new PostingRun(run.Id, run.Period, run.ProgramVersion, lines, reversed), posted, Guid.CreateVersion7);
        if (transactions.Count == 0)
            return new PostingResult(run.Id, run.Period, 0, 0, 0, 0, run.Currency, $"Nothing to post: the ledger already holds this calculation of {run.Period}.");

        var deals = lines.ToDictionary(l => (l.PartnerId, l.RuleId, l.Currency), l => l.Deals);
        var now = clock.GetUtcNow();
        // Written in the order of their keys: two postings at once then meet at the same first key, and the
        // second waits there and loses cleanly, instead of each holding a key the other needs (a deadlock).
        var records = transactions.Select(t => Record(t, now, db.Actor.Name,
                deals.GetValueOrDefault((t.Subject.PartnerId, t.Subject.RuleId!, t.Entries[0].Currency)) ?? []))
            .OrderBy(r => r.IdempotencyKey, StringComparer.Ordinal).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var done = 0;
        foreach (var chunk in records.Chunk(batchSize))
        {
            db.LedgerTransactions.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            written?.Invoke(done += chunk.Length, records.Count);
        }
        var result = new PostingResult(run.Id, run.Period, records.Count,
            Sum(transactions, TransactionKind.Accrual), Sum(transactions, TransactionKind.Adjustment), Sum(transactions, TransactionKind.Clawback), run.Currency,
            $"Posted {records.Count} transaction(s) for {run.Period}.");
        audit.Record(db, "LedgerPosted", nameof(CalculationRun), run.Id, after: result);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>What the ledger holds for a period per partner, rule and currency: the posting transactions and their reversals (a dispute's adjustment stands apart).</summary>
    internal static async Task<Dictionary<(Guid PartnerId, string RuleId, string Currency), PostedLine>> PostedAsync(AccrueDb db, string period, CancellationToken ct)
    {
        var rows = await db.LedgerTransactions.AsNoTracking()
            .Where(t => t.Period == period && t.RuleId != null && t.DisputeId == null && (PostingKinds.Contains(t.Kind) || t.Kind == TransactionKind.Reversal))
            .Select(t => new { t.Id, t.Kind, t.PartnerId, t.RuleId, t.Currency, t.PartnerAmountMinor, t.IsFund, t.Deals, t.ProgramVersion, t.PostedAt })
            .ToListAsync(ct);
        return rows.GroupBy(t => (t.PartnerId, t.RuleId!, t.Currency)).ToDictionary(g => g.Key, g =>
        {
            var last = g.Where(t => t.Kind != TransactionKind.Reversal).OrderBy(t => t.PostedAt).ThenBy(t => t.Id).Last();
            return new PostedLine(g.Sum(t => t.PartnerAmountMinor), g.Count(t => t.Kind != TransactionKind.Reversal),
                                  JsonSerializer.Deserialize<Guid[]>(last.Deals) ?? [], last.ProgramVersion ?? 0, g.Any(t => t.IsFund));
        });
    }

    internal static LedgerTransactionRecord Record(LedgerTransaction t, DateTimeOffset at, string by, IReadOnlyList<Guid> deals, Guid? disputeId = null)
    {
        var isFund = t.Entries.Any(e => e.Account is Account.FundBalance);
        return new LedgerTransactionRecord
        {
            Id = t.Id, IdempotencyKey = t.IdempotencyKey, Kind = t.Kind, ReversesId = t.Reverses, Period = t.Subject.Period, PartnerId = t.Subject.PartnerId,
            RuleId = t.Subject.RuleId, ProgramVersion = t.Subject.ProgramVersion, RunId = t.Subject.RunId, Currency = t.Entries[0].Currency,
            PartnerAmountMinor = t.PartnerAmountMinor(isFund ? Account.FundBalance : Account.AccruedIncentives), IsFund = isFund,
            Deals = JsonSerializer.Serialize(deals), Reason = t.Reason, PostedAt = at, PostedBy = by, DisputeId = disputeId,
            Entries = t.Entries.Select(e => new LedgerEntryRecord { TransactionId = t.Id, Account = e.Account, PartnerId = e.PartnerId, Currency = e.Currency, AmountMinor = e.AmountMinor }).ToList(),
        };
    }

    /// <summary>The engine's transaction back from a stored one (for reversals).</summary>
    internal static LedgerTransaction Engine(LedgerTransactionRecord r) =>
        new(r.Id, r.IdempotencyKey, r.Kind, new TransactionSubject(r.Period, r.PartnerId, r.RuleId, r.ProgramVersion, r.RunId), r.Reason,
            r.Entries.Select(e => new LedgerEntry(e.Account, e.PartnerId, e.Currency, e.AmountMinor)).ToList(), r.ReversesId);

    /// <summary>Reverses a posted transaction with a reason: the only correction the ledger takes. Reversing twice is refused.</summary>
    public async Task<Guid> ReverseAsync(Guid transactionId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw InvalidRequest.For("reason", "Say why the transaction is reversed: the reason stays on the ledger.");
        await using var db = dbs.Create();
        var original = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).SingleOrDefaultAsync(t => t.Id == transactionId, ct)
                       ?? throw new RecordNotFound("The ledger transaction");
        if (original.Kind == TransactionKind.Reversal) throw new StateConflict("A reversal is not reversed: post the original again instead.");
        if (original.Kind == TransactionKind.Payment) throw new StateConflict("A payment is not reversed here: it belongs to a paid statement.");
        if (await db.LedgerTransactions.AnyAsync(t => t.ReversesId == transactionId, ct)) throw new StateConflict("This transaction is reversed already.");
        var reversal = Engine(original).Reversal(Guid.CreateVersion7(), reason.Trim());
        db.LedgerTransactions.Add(Record(reversal, clock.GetUtcNow(), db.Actor.Name, JsonSerializer.Deserialize<Guid[]>(original.Deals) ?? []));
        audit.Record(db, "LedgerReversed", "LedgerTransaction", transactionId, original.PartnerId, reason: reason.Trim());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new StateConflict("This transaction is reversed already.");
        }
        return reversal.Id;
    }

    static long Sum(IEnumerable<LedgerTransaction> transactions, TransactionKind kind) =>
        transactions.Where(t => t.Kind == kind).Sum(t => t.PartnerAmountMinor(t.Entries.Any(e => e.Account == Account.FundBalance) ? Account.FundBalance : Account.AccruedIncentives));
}
