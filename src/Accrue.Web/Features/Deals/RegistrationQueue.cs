using System.Data;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Deals;
using Accrue.Data.Idempotency;
using Accrue.Engine.Deals;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Accrue.Web.Features.Deals;

/// <summary>A new registration waiting for its turn, as its request gave it.</summary>
sealed record NewRegistration(Actor Actor, Guid PartnerId, RegisterDealRequest Request, string Scope, string? IdempotencyKey, string RequestHash)
{
    public TaskCompletionSource<RegistrationOutcome> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Saves new registrations in groups (group commit): the registrations that arrive while earlier ones
/// are being saved wait, and go together in the next group: one read of each kind for the whole
/// group, one transaction, one commit. Each deal in a group is screened as if those before it had
/// just been committed, so the answers are the ones a registration at a time would give; what
/// grouping saves is round trips, statements and commits, which cost more than the rules.
/// </summary>
/// <remarks>
/// A group that fails is saved again a registration at a time, so that one bad registration fails
/// alone. Under light load a group holds one registration: nobody waits for others to arrive. A
/// registration, once queued, is saved even if its caller has gone: a retry with its idempotency
/// key gets its answer.
/// </remarks>
public sealed class RegistrationQueue : IAsyncDisposable
{
    /// <summary>Enough to absorb a burst; a bigger group would make its first registration wait longer.</summary>
    const int MaxGroup = 32;

    static readonly TimeSpan IdleConnection = TimeSpan.FromMinutes(1);

    static JsonSerializerOptions Json => DealRegistration.Json;

    readonly AccrueStorage storage;
    readonly DealScreening screening;
    readonly AuditTrail audit;
    readonly TimeProvider clock;
    readonly ILogger<RegistrationQueue> log;
    readonly Channel<NewRegistration> waiting = Channel.CreateUnbounded<NewRegistration>();
    readonly CancellationTokenSource stopping = new();
    readonly Task[] workers;

    public RegistrationQueue(AccrueStorage storage, DealScreening screening, AuditTrail audit, TimeProvider clock, ILogger<RegistrationQueue> log)
    {
        (this.storage, this.screening, this.audit, this.clock, this.log) = (storage, screening, audit, clock, log);
        // On PostgreSQL two groups at once: while one waits on the database, the other uses the processor. SQLite writes one
        // transaction at a time, and a second worker would only wait for its lock in SQLite's busy loop (seconds, at times).
        workers = Enumerable.Range(0, storage.IsPostgres ? 2 : 1).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    internal Task<RegistrationOutcome> RegisterAsync(NewRegistration registration)
    {
        if (!waiting.Writer.TryWrite(registration)) throw new OperationCanceledException("Accrue is shutting down.");
        return registration.Answer.Task;
    }

    async Task WorkAsync()
    {
        var reader = waiting.Reader;
        // One context per worker, reused group after group: a new context builds its own set of EF Core's services, which
        // cost the app more than a group's queries do.
        await using var db = storage.Create(Actor.System);
        var lastGroup = Stopwatch.GetTimestamp();
        try
        {
            while (await reader.WaitToReadAsync(stopping.Token))
            {
                // The worker keeps its connection from group to group, but not through a quiet spell: back in the pool, an
                // idle connection is closed after a while, rather than found broken by the next registration.
                if (Stopwatch.GetElapsedTime(lastGroup) > IdleConnection && db.Database.GetDbConnection().State == ConnectionState.Open)
                    await db.Database.CloseConnectionAsync();
                var group = new List<NewRegistration>(MaxGroup);
                while (group.Count < MaxGroup && reader.TryRead(out var next)) group.Add(next);
                if (group.Count > 0) await SaveGroupAsync(group, db, stopping.Token);
                lastGroup = Stopwatch.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        // Whatever was still waiting when the app stopped gets an answer rather than hanging.
        while (reader.TryRead(out var left)) left.Answer.TrySetCanceled();
    }

    /// <param name="reused">The worker's context, cleared after the group and left open for its next; null for a context of the group's own.</param>
    async Task SaveGroupAsync(List<NewRegistration> group, AccrueDb? reused, CancellationToken ct)
    {
        var db = reused ?? storage.Create(Actor.System);
        var failed = true;
        try
        {
            // One connection for the group, and for the worker's next groups: on PostgreSQL, Npgsql resets a pooled
            // connection's session (seven statements) each time it is handed out again.
            if (db.Database.GetDbConnection().State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
            group = AnswerRepeatsWithin(group);
            // A key used before is rare (a client retrying). On PostgreSQL the group's keys are checked as they are inserted,
            // saving a round trip, and a group with a key used before is rolled back; then, as always on SQLite, the keys are
            // looked up before the group is saved.
            var outcomes = storage.IsPostgres ? await SaveAsync(db, group, keysLookedUp: false, ct) : null;
            if (outcomes is null)
            {
                group = await AnswerSavedKeysAsync(db, group, ct);
                outcomes = group.Count == 0 ? [] : (await SaveAsync(db, group, keysLookedUp: true, ct))!;
            }
            for (var i = 0; i < group.Count; i++) group[i].Answer.TrySetResult(outcomes[i]);
            failed = false;
        }
        catch (Exception failure) when (group.Count > 1 && failure is not OperationCanceledException)
        {
            log.LogWarning(failure, "A group of {Count} registrations failed; saving them one at a time", group.Count);
            foreach (var registration in group)
                await SaveGroupAsync([registration], null, ct);
        }
        catch (DbUpdateException) when (group is [{ IdempotencyKey: not null } only])
        {
            // The same key committed first in another group, or by another instance of the app: answer as it did.
            try
            {
                await using var fresh = storage.Create(Actor.System);
                var first = await fresh.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == only.Scope && r.Key == only.IdempotencyKey, ct);
                if (first is null) only.Answer.TrySetException(new StateConflict("A request with this Idempotency-Key is still being processed; retry shortly."));
                else AnswerAsSaved(first, only);
            }
            catch (Exception failure)
            {
                only.Answer.TrySetException(failure);
            }
        }
        catch (Exception failure)
        {
            foreach (var registration in group) registration.Answer.TrySetException(failure);
        }
        finally
        {
            if (reused is null) await db.DisposeAsync();
            else
            {
                reused.ChangeTracker.Clear();
                // A failure may have broken the connection: the next group opens one again.
                if (failed) await reused.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// Leaves out the registrations whose idempotency key came earlier in the group: each answers as the key's first use
    /// will (or is refused, if its request differs).
    /// </summary>
    static List<NewRegistration> AnswerRepeatsWithin(List<NewRegistration> group)
    {
        if (group.All(r => r.IdempotencyKey is null)) return group;
        var toSave = new List<NewRegistration>(group.Count);
        var firsts = new Dictionary<(string, string), NewRegistration>();
        foreach (var registration in group)
        {
            if (registration.IdempotencyKey is not { } key) toSave.Add(registration);
            else if (firsts.TryGetValue((registration.Scope, key), out var first)) _ = AnswerAsFirstAsync(first, registration);
            else
            {
                firsts[(registration.Scope, key)] = registration;
                toSave.Add(registration);
            }
        }
        return toSave;
    }

    /// <summary>
    /// Answers the registrations whose idempotency key was saved before, as it was answered then (the same key with another
    /// request is refused), and leaves the rest to save.
    /// </summary>
    static async Task<List<NewRegistration>> AnswerSavedKeysAsync(AccrueDb db, List<NewRegistration> group, CancellationToken ct)
    {
        var keys = group.Select(r => r.IdempotencyKey).OfType<string>().ToList();
        if (keys.Count == 0) return group;
        // By key alone, on the (Key, Scope) index: with both lists PostgreSQL would probe every pairing of a scope and a key.
        var saved = new Dictionary<(string, string), IdempotencyRecord>();
        await foreach (var record in SavedKeys.For(db)(db, keys).WithCancellation(ct))
            saved[(record.Scope, record.Key)] = record;
        var toSave = new List<NewRegistration>(group.Count);
        foreach (var registration in group)
        {
            if (registration.IdempotencyKey is { } key && saved.TryGetValue((registration.Scope, key), out var record))
                AnswerAsSaved(record, registration);
            else toSave.Add(registration);
        }
        return toSave;
    }

    static readonly CompiledPerModel<Func<AccrueDb, List<string>, IAsyncEnumerable<IdempotencyRecord>>> SavedKeys = new(() =>
        EF.CompileAsyncQuery((AccrueDb db, List<string> keys) => db.IdempotencyRecords.AsNoTracking().Where(r => keys.Contains(r.Key))));

    static async Task AnswerAsFirstAsync(NewRegistration first, NewRegistration retry)
    {
        try
        {
            var outcome = await first.Answer.Task;
            if (first.RequestHash != retry.RequestHash) retry.Answer.TrySetException(KeyReused());
            else retry.Answer.TrySetResult(outcome);
        }
        catch (Exception failure)
        {
            retry.Answer.TrySetException(failure);
        }
    }

    static void AnswerAsSaved(IdempotencyRecord first, NewRegistration retry)
    {
        if (first.RequestHash != retry.RequestHash) retry.Answer.TrySetException(KeyReused());
        else retry.Answer.TrySetResult(JsonSerializer.Deserialize<RegistrationOutcome>(first.ResponseBody, Json)!);
    }

    static RequestUnprocessable KeyReused() =>
        new("This Idempotency-Key was already used with a different request. Use a new key for a new registration.");

    /// <summary>Saves the group in one transaction, its submissions screened (which claims their customers).</summary>
    /// <param name="keysLookedUp">False: the idempotency keys are checked as they are inserted, and if one was saved before,
    /// nothing is saved and the answer is null (PostgreSQL only).</param>
    async Task<RegistrationOutcome[]?> SaveAsync(AccrueDb db, List<NewRegistration> group, bool keysLookedUp, CancellationToken ct)
    {
        var deals = group.Select(r => DealRegistration.NewDeal(r.Request, r.PartnerId, r.Actor, clock.GetUtcNow())).ToList();
        var submitted = deals.Where((_, i) => group[i].Request.Submit).ToList();
        await using var claim = await DealSaves.BeginSubmissionsAsync(db, ct);
        var entries = deals.Select((deal, i) =>
            audit.Entry(group[i].Actor, "DealDrafted", nameof(Deal), deal.Id, deal.PartnerId, after: DealRegistration.Snapshot(deal))).ToList();
        foreach (var deal in submitted) DealSaves.Move(deal, DealStatus.Submitted);
        await screening.ScreenAsync(submitted, db, ct);

        var outcomes = new RegistrationOutcome[group.Count];
        var keys = new List<IdempotencyRecord>();
        for (var i = 0; i < group.Count; i++)
        {
            var (registration, deal) = (group[i], deals[i]);
            if (registration.Request.Submit) entries.Add(DealRegistration.SubmissionEntry(audit, deal, registration.Actor));
            outcomes[i] = DealRegistration.Outcome(deal);
            if (registration.IdempotencyKey is not null)
                keys.Add(new IdempotencyRecord
                {
                    Scope = registration.Scope, Key = registration.IdempotencyKey, RequestHash = registration.RequestHash,
                    StatusCode = StatusCodes.Status201Created, ResponseBody = JsonSerializer.Serialize(outcomes[i], Json), CreatedAt = deal.CreatedAt,
                });
        }
        if (storage.IsPostgres)
        {
            // New rows only, all tables in one round trip: a fraction of what EF Core's change tracking and an INSERT per row cost.
            var inserts = new RowCopy.Inserts(db).Add(deals).Add(deals.SelectMany(d => d.Conflicts)).Add(deals.SelectMany(d => d.Signals))
                .Add(entries);
            if (keysLookedUp) inserts.Add(keys);
            else inserts.AddUnlessPresent(keys);
            // The transaction is disposed without committing: everything the group wrote is rolled back.
            if (await inserts.SaveAsync(ct) > 0) return null;
        }
        else
        {
            db.Deals.AddRange(deals);
            db.AuditEntries.AddRange(entries);
            db.IdempotencyRecords.AddRange(keys);
            await db.SaveChangesAsync(ct);
        }
        await claim.CommitAsync(ct);
        return outcomes;
    }

    public async ValueTask DisposeAsync()
    {
        // What is already waiting is still saved; a save that hangs is cut short.
        waiting.Writer.TryComplete();
        stopping.CancelAfter(TimeSpan.FromSeconds(10));
        await Task.WhenAll(workers);
        stopping.Dispose();
    }
}
