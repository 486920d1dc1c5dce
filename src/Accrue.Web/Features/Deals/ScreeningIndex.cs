using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Accrue.Web.Features.Deals;

/// <summary>
/// The registrations that screening compares a submission with, kept in memory: other partners' claiming registrations by
/// name block and by domain, registrations by contact e-mail, and each partner's registrations in time order; and the
/// vendor's pipeline by name block and domain. Reading them from the database for every group cost more than everything
/// else a registration does (at 1 M registrations a crowded name block holds dozens of rivals, and a large partner's
/// history is 500 rows).
/// </summary>
/// <remarks>
/// The database stays the truth. Before each look the index reads what changed since its last one, by the stamp the
/// database puts on every insert and update of a deal or an opportunity (<see cref="Deal.ChangeStamp"/>,
/// <see cref="PipelineOpportunity.ChangeStamp"/>), on the caller's connection and in its transaction. So a look made after a group has taken its turn at its customers sees every registration committed
/// before, whoever wrote it: this instance, another instance of the app, the command line or an import.
/// Accrue never deletes deals or opportunities; one deleted by hand stays in the index until the app restarts.
/// The first look loads every registration (seconds at 1 M): <see cref="ScreeningIndexLoad"/> makes it when the app starts.
/// </remarks>
public sealed class ScreeningIndex(ILogger<ScreeningIndex> log)
{
    // One look at a time: a look that read older changes must not apply them after a look that read newer ones.
    readonly SemaphoreSlim turn = new(1, 1);
    readonly Dictionary<Guid, Registered> byId = [];
    /// <summary>Claiming registrations, oldest first (by RegisteredAt, then Id).</summary>
    readonly Dictionary<string, List<Claimant>> claimingByBlock = [];
    readonly Dictionary<string, List<Claimant>> claimingByDomain = [];
    readonly Dictionary<string, List<Registered>> byContact = [];
    /// <summary>Each partner's registrations, oldest first (by RegisteredAt, then Id).</summary>
    readonly Dictionary<Guid, List<Own>> byPartner = [];
    /// <summary>Names, domains and product lists repeat across registrations; one copy of each is kept.</summary>
    readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    readonly Dictionary<string, IReadOnlyList<string>> productLists = new(StringComparer.Ordinal);
    readonly Dictionary<Guid, Listed> pipelineById = [];
    readonly Dictionary<string, List<Listed>> pipelineByBlock = [];
    readonly Dictionary<string, List<Listed>> pipelineByDomain = [];
    ChangesSince? since;
    /// <summary>Where the next read of the pipeline's changes starts: the same as <see cref="since"/> on PostgreSQL, a counter of its own on SQLite.</summary>
    ChangesSince? pipelineSince;

    /// <summary>What screening compares one deal with.</summary>
    internal sealed record Found(List<RivalRegistration> Rivals, List<VendorOpportunity> Pipeline, List<ContactUseRow> ContactUses,
                                 List<PastRegistration> History);

    /// <summary>
    /// Claims the deals' customers, brings the index up to date, then finds for each deal: other partners' claiming
    /// registrations of the same customer (name block or domain), oldest first; the vendor's opportunities of the same
    /// customer, oldest first; other partners' registrations naming the same contact, oldest first; and its partner's most
    /// recent registrations, leaving out the deals themselves.
    /// </summary>
    /// <remarks>
    /// Claiming, on PostgreSQL within the caller's transaction: a transaction-scoped advisory lock per name block and per
    /// domain of the deals, taken in key order (so that no two transactions each hold a lock the other waits for) as the
    /// first command of the round trip that reads the changes, so the reads see every registration committed by whoever
    /// held a lock before. The locks are held to the caller's commit; submissions that could conflict take turns. They are
    /// taken only here, under the index's turn, and a transaction screens once, so whoever holds them needs the turn no
    /// more: no cycle of waits. On SQLite the caller's transaction began IMMEDIATE and holds the database's write lock
    /// already.
    /// </remarks>
    internal async Task<Found[]> FindAsync(AccrueDb db, IReadOnlyList<Deal> deals, int maxRivals, int maxContactUses, int maxHistory, CancellationToken ct)
    {
        await turn.WaitAsync(ct);
        try
        {
            await CatchUpAsync(db, db.Database.CurrentTransaction is null ? [] : CustomerLockKeys(deals), ct);
            // Only a deal already registered (returned, then submitted again) can be in a history; new ones are not yet.
            var screened = deals.Select(d => d.Id).Where(byId.ContainsKey).ToHashSet();
            return deals.Select(deal => new Found(
                RivalsOf(deal, maxRivals),
                PipelineOf(deal).Take(maxRivals).Select(o => o.Opportunity).ToList(),
                ContactUsesOf(deal).Take(maxContactUses).Select(r => new ContactUseRow(r.PartnerId, r.ContactEmail!, r.RegisteredAt!.Value)).ToList(),
                HistoryOf(deal.PartnerId, screened, maxHistory)))
                .ToArray();
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Loads the index if no look has yet, so that the first registration after the app starts does not wait for it.</summary>
    public async Task LoadAsync(AccrueStorage storage, CancellationToken ct)
    {
        await turn.WaitAsync(ct);
        try
        {
            if (since is not null) return;
            var started = Stopwatch.GetTimestamp();
            await using var db = storage.Create(Actor.System);
            await db.Database.OpenConnectionAsync(ct);
            await CatchUpAsync(db, [], ct);
            log.LogInformation("Screening index: {Count} registrations loaded in {Seconds:0.0} s", byId.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>
    /// Other partners' claims on the deal's name block or domain, oldest first: the two lists are in that order already and
    /// are merged, leaving out the domain's claims in the deal's block (the block's list has them).
    /// </summary>
    List<RivalRegistration> RivalsOf(Deal deal, int max)
    {
        var byBlock = claimingByBlock.GetValueOrDefault(deal.CustomerNameBlock) ?? [];
        var byDomain = deal.CustomerDomain is { } domain ? claimingByDomain.GetValueOrDefault(domain) ?? [] : [];
        var rivals = new List<RivalRegistration>(Math.Min(max, byBlock.Count + byDomain.Count));
        int b = 0, d = 0;
        while (rivals.Count < max)
        {
            while (d < byDomain.Count && byDomain[d].Block == deal.CustomerNameBlock) d++;
            Claimant next;
            if (b < byBlock.Count && (d == byDomain.Count || InTimeOrder(byBlock[b].Key, byDomain[d].Key) < 0)) next = byBlock[b++];
            else if (d < byDomain.Count) next = byDomain[d++];
            else break;
            if (next.PartnerId != deal.PartnerId) rivals.Add(next.Claim);
        }
        return rivals;
    }

    IEnumerable<Listed> PipelineOf(Deal deal)
    {
        var byBlock = pipelineByBlock.GetValueOrDefault(deal.CustomerNameBlock) ?? [];
        var byDomain = deal.CustomerDomain is { } domain ? pipelineByDomain.GetValueOrDefault(domain) ?? [] : [];
        if (byBlock.Count == 0 && byDomain.Count == 0) return [];
        return byBlock.Concat(byDomain.Where(o => o.CustomerNameBlock != deal.CustomerNameBlock))
            .OrderBy(o => o.Opportunity.CreatedOn).ThenBy(o => o.Opportunity.Id, StringComparer.Ordinal);
    }

    IEnumerable<Registered> ContactUsesOf(Deal deal) =>
        deal.ContactEmail is { } email && byContact.TryGetValue(email, out var uses)
            ? uses.Where(r => r.PartnerId != deal.PartnerId).OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id)
            : [];

    /// <summary>The partner's most recent registrations, newest first, leaving out those being screened (a deal returned and submitted again).</summary>
    List<PastRegistration> HistoryOf(Guid partnerId, HashSet<Guid> screened, int max)
    {
        if (!byPartner.TryGetValue(partnerId, out var list)) return [];
        var own = CollectionsMarshal.AsSpan(list);
        var history = new List<PastRegistration>(Math.Min(max, own.Length));
        for (var i = own.Length - 1; i >= 0 && history.Count < max; i--)
            if (!screened.Contains(own[i].Key.Id)) history.Add(own[i].Past);
        return history;
    }

    /// <summary>One key per name block and per domain of the deals, in order: what a submission takes its turn at.</summary>
    static long[] CustomerLockKeys(IReadOnlyList<Deal> deals) =>
        deals.SelectMany(d => new[] { "block:" + d.CustomerNameBlock, d.CustomerDomain is { } domain ? "domain:" + domain : null })
            .OfType<string>().Select(k => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(k)))).Distinct().Order().ToArray();

    /// <summary>
    /// Reads what changed since the last look, on the context's open connection and within its transaction, if any, after
    /// taking the advisory locks given (PostgreSQL).
    /// </summary>
    async Task CatchUpAsync(AccrueDb db, long[] lockKeys, CancellationToken ct)
    {
        var (dealsFrom, pipelineFrom) = (since ?? ChangesSince.Everything, pipelineSince ?? ChangesSince.Everything);
        // On PostgreSQL the snapshot is taken first: whatever the reads see that the snapshot did not is read again next
        // time, which is harmless, since each read gives rows as they now are. SQLite writes one transaction at a time and
        // stamps in commit order: the highest stamp seen is where the next read starts.
        var (snapshot, changed, listed) = db.Database.IsNpgsql()
            ? await ReadChangesOnPostgresAsync(db, lockKeys, dealsFrom, pipelineFrom, ct)
            : (null, await ToListAsync(DealChanges.For(db)(db, dealsFrom.From, dealsFrom.Running), ct),
               await ToListAsync(PipelineChanges.For(db)(db, pipelineFrom.From, pipelineFrom.Running), ct));
        var next = snapshot is null ? null : ChangesSince.After(snapshot);

        // In time order, so that each partner's list grows at its end (the first look loads every registration).
        foreach (var row in changed.OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id)) Apply(row);
        since = next ?? ChangesSince.Above(dealsFrom.From, changed.Select(r => r.ChangeStamp));
        foreach (var o in listed)
            Apply(new Listed(o.Id, Shared(o.CustomerNameBlock), o.CustomerDomain is null ? null : Shared(o.CustomerDomain),
                             new VendorOpportunity(o.ExternalId, o.CustomerName, o.CustomerDomain, o.Owner, o.CreatedOn)));
        pipelineSince = next ?? ChangesSince.Above(pipelineFrom.From, listed.Select(o => o.ChangeStamp));
    }

    // SQLite's reads of changes; PostgreSQL's go with its snapshot in one batch (ReadChangesOnPostgresAsync).
    static readonly CompiledPerModel<Func<AccrueDb, long, long[], IAsyncEnumerable<Registered>>> DealChanges = new(() =>
        EF.CompileAsyncQuery((AccrueDb db, long from, long[] running) =>
            db.Deals.AsNoTracking().IgnoreQueryFilters()
                .Where(d => d.ChangeStamp >= from || running.Contains(d.ChangeStamp))
                .Select(d => new Registered(d.Id, d.PartnerId, d.Status, d.RegisteredAt, d.CustomerName, d.CustomerNameBlock, d.CustomerDomain,
                                            d.ProductLines, d.ProtectedUntil, d.ContactEmail, d.EstimatedAmountMinor, d.Currency, d.ChangeStamp))));

    static readonly CompiledPerModel<Func<AccrueDb, long, long[], IAsyncEnumerable<ListedRow>>> PipelineChanges = new(() =>
        EF.CompileAsyncQuery((AccrueDb db, long from, long[] running) =>
            db.PipelineOpportunities.AsNoTracking().IgnoreQueryFilters()
                .Where(o => o.ChangeStamp >= from || running.Contains(o.ChangeStamp))
                .Select(o => new ListedRow(o.Id, o.ExternalId, o.CustomerName, o.CustomerNameBlock, o.CustomerDomain, o.Owner, o.CreatedOn, o.ChangeStamp))));

    static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct)) list.Add(row);
        return list;
    }

    /// <summary>
    /// PostgreSQL: the locks, the snapshot and the two reads above in one round trip, as commands run in order (each read
    /// sees what was committed when it began, after the locks). Every group makes them, and on a loaded machine each round
    /// trip costs both processes more than these reads do.
    /// </summary>
    static async Task<(string Snapshot, List<Registered> Deals, List<ListedRow> Pipeline)> ReadChangesOnPostgresAsync(
        AccrueDb db, long[] lockKeys, ChangesSince deals, ChangesSince pipeline, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
        // unnest reads the array out in its order, so the locks are taken in key order.
        if (lockKeys.Length > 0)
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1) AS k")
            {
                Parameters = { new NpgsqlParameter<long[]> { TypedValue = lockKeys } },
            });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_current_snapshot()::text"));
        batch.BatchCommands.Add(Since("""
            SELECT "Id", "PartnerId", "Status", "RegisteredAt", "CustomerName", "CustomerNameBlock", "CustomerDomain", "ProductLines",
                   "ProtectedUntil", "ContactEmail", "EstimatedAmountMinor", "Currency", "ChangeStamp"
            FROM "Deals" WHERE "ChangeStamp" >= $1 OR "ChangeStamp" = ANY($2)
            """, deals));
        batch.BatchCommands.Add(Since("""
            SELECT "Id", "ExternalId", "CustomerName", "CustomerNameBlock", "CustomerDomain", "Owner", "CreatedOn", "ChangeStamp"
            FROM "PipelineOpportunities" WHERE "ChangeStamp" >= $1 OR "ChangeStamp" = ANY($2)
            """, pipeline));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (lockKeys.Length > 0) await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var snapshot = reader.GetString(0);
        await reader.NextResultAsync(ct);
        var changed = new List<Registered>();
        while (await reader.ReadAsync(ct))
            changed.Add(new Registered(reader.GetGuid(0), reader.GetGuid(1), Enum.Parse<DealStatus>(reader.GetString(2)),
                                       reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetString(5),
                                       StringOrNull(reader, 6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8),
                                       StringOrNull(reader, 9), reader.GetInt64(10), reader.GetString(11), reader.GetInt64(12)));
        await reader.NextResultAsync(ct);
        var listed = new List<ListedRow>();
        while (await reader.ReadAsync(ct))
            listed.Add(new ListedRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), StringOrNull(reader, 4),
                                     reader.GetString(5), reader.GetFieldValue<DateOnly>(6), reader.GetInt64(7)));
        return (snapshot, changed, listed);

        static NpgsqlBatchCommand Since(string sql, ChangesSince since) =>
            new(sql) { Parameters = { new NpgsqlParameter<long> { TypedValue = since.From }, new NpgsqlParameter<long[]> { TypedValue = since.Running } } };

        static string? StringOrNull(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
    }

    void Apply(Listed opportunity)
    {
        if (pipelineById.Remove(opportunity.Id, out var old))
        {
            Remove(pipelineByBlock, old.CustomerNameBlock, old);
            if (old.CustomerDomain is { } oldDomain) Remove(pipelineByDomain, oldDomain, old);
        }
        pipelineById[opportunity.Id] = opportunity;
        Add(pipelineByBlock, opportunity.CustomerNameBlock, opportunity);
        if (opportunity.CustomerDomain is { } domain) Add(pipelineByDomain, domain, opportunity);
    }

    void Apply(Registered row)
    {
        if (byId.Remove(row.Id, out var old)) Forget(old);
        if (row.RegisteredAt is not { } registeredAt) return;
        var (name, domain, productLines, currency) =
            (Shared(row.CustomerName), row.CustomerDomain is null ? null : Shared(row.CustomerDomain), Shared(row.ProductLines), Shared(row.Currency));
        row = row with
        {
            CustomerName = name, CustomerNameBlock = Shared(row.CustomerNameBlock), CustomerDomain = domain, ProductLines = productLines,
            Currency = currency,
            Past = new PastRegistration(registeredAt, row.EstimatedAmountMinor, currency),
            Claim = DealLifecycle.IsClaiming(row.Status)
                ? new RivalRegistration(row.Id, row.PartnerId, "", name, domain, ProductLinesOf(productLines), registeredAt, row.Status, row.ProtectedUntil)
                : null,
        };
        byId[row.Id] = row;
        var key = new TimeKey(registeredAt, row.Id);
        if (row.Claim is { } claim)
        {
            claim.WorkOutNormalForms();
            Insert(claimingByBlock, row.CustomerNameBlock, new Claimant(key, row.PartnerId, row.CustomerNameBlock, claim));
            if (domain is not null) Insert(claimingByDomain, domain, new Claimant(key, row.PartnerId, row.CustomerNameBlock, claim));
        }
        if (row.ContactEmail is { } email) Add(byContact, email, row);
        if (!byPartner.TryGetValue(row.PartnerId, out var own)) byPartner[row.PartnerId] = own = [];
        var at = own.BinarySearch(new Own(key, row.Past), OwnInTimeOrder);
        own.Insert(at < 0 ? ~at : at, new Own(key, row.Past));
    }

    void Forget(Registered old)
    {
        var key = new TimeKey(old.RegisteredAt!.Value, old.Id);
        if (old.Claim is not null)
        {
            Delete(claimingByBlock, old.CustomerNameBlock, key);
            if (old.CustomerDomain is { } domain) Delete(claimingByDomain, domain, key);
        }
        if (old.ContactEmail is { } email) Remove(byContact, email, old);
        var own = byPartner[old.PartnerId];
        own.RemoveAt(own.BinarySearch(new Own(key, old.Past), OwnInTimeOrder));
    }

    /// <summary>Into its place in time: registrations mostly arrive in time order, so the place is mostly the end.</summary>
    static void Insert(Dictionary<string, List<Claimant>> index, string key, Claimant claimant)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        var at = list.BinarySearch(claimant, ClaimantInTimeOrder);
        list.Insert(at < 0 ? ~at : at, claimant);
    }

    static void Delete(Dictionary<string, List<Claimant>> index, string key, TimeKey at)
    {
        var list = index[key];
        list.RemoveAt(list.BinarySearch(new Claimant(at, default, "", null!), ClaimantInTimeOrder));
        if (list.Count == 0) index.Remove(key);
    }

    static void Add<TRow>(Dictionary<string, List<TRow>> index, string key, TRow row)
    {
        if (index.TryGetValue(key, out var list)) list.Add(row);
        else index[key] = [row];
    }

    static void Remove<TRow>(Dictionary<string, List<TRow>> index, string key, TRow row) where TRow : class
    {
        var list = index[key];
        list.RemoveAt(list.FindIndex(r => ReferenceEquals(r, row)));
        if (list.Count == 0) index.Remove(key);
    }

    string Shared(string value) => strings.TryGetValue(value, out var shared) ? shared : strings[value] = value;

    IReadOnlyList<string> ProductLinesOf(string stored) =>
        productLists.TryGetValue(stored, out var list) ? list : productLists[stored] = Deal.ProductLinesOf(stored);

    static int InTimeOrder(TimeKey a, TimeKey b) => a.RegisteredAt.CompareTo(b.RegisteredAt) is var byTime and not 0 ? byTime : a.Id.CompareTo(b.Id);
    static readonly Comparer<Own> OwnInTimeOrder = Comparer<Own>.Create((a, b) => InTimeOrder(a.Key, b.Key));
    static readonly Comparer<Claimant> ClaimantInTimeOrder = Comparer<Claimant>.Create((a, b) => InTimeOrder(a.Key, b.Key));

    // The lists screening reads for every submission hold values, not references to registrations: at 1 M registrations
    // the registrations are spread over a heap of gigabytes, and reading each one's time and partner for every
    // submission cost more than the rules that use them.
    readonly record struct TimeKey(DateTimeOffset RegisteredAt, Guid Id);

    /// <summary>A claiming registration in a block's or a domain's list.</summary>
    readonly record struct Claimant(TimeKey Key, Guid PartnerId, string Block, RivalRegistration Claim);

    /// <summary>A registration in its partner's list.</summary>
    readonly record struct Own(TimeKey Key, PastRegistration Past);

    /// <summary>A deal as screening sees it.</summary>
    sealed record Registered(Guid Id, Guid PartnerId, DealStatus Status, DateTimeOffset? RegisteredAt, string CustomerName, string CustomerNameBlock,
                             string? CustomerDomain, string ProductLines, DateOnly? ProtectedUntil, string? ContactEmail, long EstimatedAmountMinor,
                             string Currency, long ChangeStamp)
    {
        // Made once and handed to every screening that compares with this registration: a rival keeps the normal forms
        // of its customer's name and domain, worked out when it enters the index.
        public RivalRegistration? Claim { get; init; }
        public PastRegistration Past { get; init; }
    }

    sealed record ListedRow(Guid Id, string ExternalId, string CustomerName, string CustomerNameBlock, string? CustomerDomain, string Owner,
                            DateOnly CreatedOn, long ChangeStamp);

    /// <summary>An opportunity of the vendor's pipeline, by the keys screening finds it by.</summary>
    sealed record Listed(Guid Id, string CustomerNameBlock, string? CustomerDomain, VendorOpportunity Opportunity);

    /// <summary>
    /// Where the next read of changes starts: stamps at or above From, and the stamps of transactions still running at the
    /// last look (PostgreSQL: From is the snapshot's xmax, Running its list of transactions in progress).
    /// </summary>
    sealed record ChangesSince(long From, long[] Running)
    {
        /// <summary>The first look reads every row.</summary>
        public static readonly ChangesSince Everything = new(long.MinValue, []);

        /// <summary>SQLite: stamps grow in commit order, so the next read starts above the highest stamp read (or where this one did).</summary>
        public static ChangesSince Above(long from, IEnumerable<long> stamps) => new(stamps.Aggregate(from, (at, stamp) => Math.Max(at, stamp + 1)), []);

        /// <summary>From PostgreSQL's text form of a snapshot, "xmin:xmax:xip,xip,...".</summary>
        public static ChangesSince After(string snapshot)
        {
            var parts = snapshot.Split(':');
            return new ChangesSince(long.Parse(parts[1], CultureInfo.InvariantCulture),
                                    parts[2].Length == 0 ? [] : parts[2].Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray());
        }
    }
}

/// <summary>Loads the screening index when the app starts, in the background.</summary>
sealed class ScreeningIndexLoad(ScreeningIndex index, AccrueStorage storage, ILogger<ScreeningIndexLoad> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await index.LoadAsync(storage, stoppingToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Not fatal: the first registration's look loads it instead.
            log.LogWarning(failure, "The screening index could not be loaded at start");
        }
    }
}
