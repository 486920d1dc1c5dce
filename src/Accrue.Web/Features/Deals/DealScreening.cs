using System.Data.Common;
using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Engine.Money;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Deals;

/// <summary>Checks a submission against other partners' open registrations, the vendor's pipeline and the partner's own history.</summary>
/// <remarks>
/// The rules are the engine's (ConflictDetection, FraudSignals, SpotAudit); this class only loads
/// what they need and records what they found on the deal. It reads through a system context,
/// because a conflict is by nature with a deal the submitting partner may not see; what it found
/// is shown to staff only. The system sees every row anyway, so its reads skip the query filters,
/// whose scope joins would only cost time.
/// </remarks>
public sealed class DealScreening(AccrueStorage storage, DealOptions options)
{
    static readonly DealStatus[] Claiming = [DealStatus.Submitted, DealStatus.Approved, DealStatus.Qualified, DealStatus.Proposal, DealStatus.Negotiation];
    const int MaxCandidates = 500;
    const int MaxContactUses = 20;

    /// <summary>
    /// Screens deals submitted together, each as if those before it in the list had been submitted
    /// (and committed) just before it: an earlier one is a rival of a later one of another partner,
    /// and part of the history of a later one of its own partner. Each kind of row is read once for
    /// all of them. Their RegisteredAt must be set already, in their order.
    /// </summary>
    /// <param name="transaction">The caller's transaction, to read on its connection and within it instead of taking another connection from the pool.</param>
    public async Task ScreenAsync(IReadOnlyList<Deal> deals, DbTransaction? transaction, CancellationToken ct)
    {
        await using var db = storage.Create(Actor.System);
        if (transaction is not null)
        {
            db.Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
            await db.Database.UseTransactionAsync(transaction, ct);
        }
        // One connection for all the reads: EF Core would open and close it around each, and PostgreSQL
        // resets a pooled connection's session state every time it is handed out again.
        await db.Database.OpenConnectionAsync(ct);

        var rivalsRead = await ReadForEachAsync(deals, MaxCandidates, (some, cap) => ReadRivalsAsync(db, some, cap, ct),
                                                (deal, r) => r.PartnerId != deal.PartnerId && SameCustomer(deal, r.CustomerDomain, r.CustomerNameBlock));
        var pipelineRead = await ReadForEachAsync(deals, MaxCandidates, (some, cap) => ReadPipelineAsync(db, some, cap, ct),
                                                  (deal, o) => SameCustomer(deal, o.CustomerDomain, o.CustomerNameBlock));
        var withContact = deals.Where(d => d.ContactEmail is not null).ToList();
        var contactsRead = await ReadForEachAsync(withContact, MaxContactUses, (some, cap) => ReadContactUsesAsync(db, some, cap, ct),
                                                  (deal, u) => u.PartnerId != deal.PartnerId && u.ContactEmail == deal.ContactEmail);
        var historiesRead = await ReadHistoriesAsync(db, deals, ct);

        var screens = new List<Screen>(deals.Count);
        for (var i = 0; i < deals.Count; i++)
        {
            var deal = deals[i];
            var earlier = deals.Take(i).ToList();
            var candidate = new DealCandidate(deal.Id, deal.PartnerId, deal.CustomerName, deal.CustomerDomain, deal.ProductLineList, deal.RegisteredAt!.Value);
            var rivals = rivalsRead[i]
                .Concat(earlier.Where(e => e.PartnerId != deal.PartnerId && SameCustomer(deal, e.CustomerDomain, e.CustomerNameBlock)).Select(RivalOf))
                .OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id).Take(MaxCandidates).ToList();
            var pipeline = pipelineRead[i].Select(o => o.Opportunity).ToList();
            var contactUses = (withContact.IndexOf(deal) is var c and >= 0 ? contactsRead[c] : [])
                .Concat(earlier.Where(e => e.PartnerId != deal.PartnerId && e.ContactEmail is not null && e.ContactEmail == deal.ContactEmail)
                    .Select(e => new ContactUseRow(e.PartnerId, e.ContactEmail!, e.RegisteredAt!.Value)))
                .OrderBy(u => u.RegisteredAt).Take(MaxContactUses).ToList();
            var history = historiesRead.GetValueOrDefault(deal.PartnerId, [])
                .Concat(earlier.Where(e => e.PartnerId == deal.PartnerId).Select(e => new PastRegistration(e.RegisteredAt!.Value, e.EstimatedAmountMinor, e.Currency)))
                .OrderByDescending(p => p.RegisteredAt).Take(MaxCandidates).ToList();
            screens.Add(new Screen(deal, candidate, rivals, pipeline, contactUses, history, Detect(candidate, rivals, pipeline, partnerNames: null)));
        }

        // ConflictDetection judges each rival on its own, and a rival's partner name appears only in the explanation of
        // that rival's own conflict. So the names are read for the few rivals that conflict (and the partners sharing a
        // contact), then the check runs again with them, instead of joining a partner onto every rival in a block.
        var named = screens.SelectMany(s => s.Report.Conflicts.Where(c => c.RivalDealId is not null)
                                           .Select(c => s.Rivals.First(r => r.Id == c.RivalDealId).PartnerId)
                                           .Concat(s.ContactUses.Select(u => u.PartnerId)))
            .Distinct().ToList();
        var partnerNames = named.Count == 0 ? [] : await db.Partners.AsNoTracking().IgnoreQueryFilters().Where(p => named.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        foreach (var screen in screens)
            Record(screen, partnerNames);
    }

    void Record(Screen screen, Dictionary<Guid, string> partnerNames)
    {
        var (deal, candidate, rivals, pipeline, contactUses, history, report) = screen;
        if (report.Conflicts.Any(c => c.RivalDealId is not null)) report = Detect(candidate, rivals, pipeline, partnerNames);
        var rivalsById = rivals.ToDictionary(r => r.Id);
        deal.Conflicts.Clear();
        foreach (var conflict in report.Conflicts)
        {
            var rival = conflict.RivalDealId is { } id ? rivalsById[id] : null;
            deal.Conflicts.Add(new DealConflict
            {
                DealId = deal.Id, Kind = conflict.Kind, RivalDealId = conflict.RivalDealId, VendorOpportunityId = conflict.VendorOpportunityId,
                Similarity = conflict.Similarity, Explanation = conflict.Explanation,
                RivalPartnerName = rival is null ? null : partnerNames[rival.PartnerId],
                RivalCustomerName = rival?.CustomerName ?? pipeline.FirstOrDefault(o => o.Id == conflict.VendorOpportunityId)?.CustomerName,
                RivalCustomerDomain = rival?.CustomerDomain, RivalProductLines = rival?.ProductLines,
                RivalRegisteredAt = rival?.RegisteredAt, RivalStatus = rival?.Status, RivalProtectedUntil = rival?.ProtectedUntil,
            });
        }

        var engaged = report.Conflicts.Where(c => c.Kind == ConflictKind.VendorPipeline)
            .Select(c => pipeline.First(o => o.Id == c.VendorOpportunityId)).ToList();
        var sameContact = contactUses.Select(u => new ContactUse(partnerNames[u.PartnerId], u.ContactEmail, u.RegisteredAt)).ToList();
        var check = new FraudCheck(candidate, deal.EstimatedAmountMinor, deal.Currency, Currency.Of(deal.Currency).MinorDigits, deal.ContactEmail,
                                   history, sameContact, options.PromotionWindows, engaged);
        deal.Signals.Clear();
        foreach (var signal in FraudSignals.Find(check, FraudPolicy.Default))
            deal.Signals.Add(new DealSignal { DealId = deal.Id, Kind = signal.Kind, Explanation = signal.Explanation });

        deal.SpotAudit = SpotAudit.Draws(deal.Id, options.SpotAuditShare, options.SpotAuditSeed);
        deal.NeedsReview = deal.Conflicts.Count > 0 || deal.Signals.Count > 0 || deal.SpotAudit;
    }

    static bool SameCustomer(Deal deal, string? domain, string block) =>
        (deal.CustomerDomain is not null && domain == deal.CustomerDomain) || block == deal.CustomerNameBlock;

    static Rival RivalOf(Deal d) =>
        new(d.Id, d.PartnerId, d.CustomerName, d.CustomerNameBlock, d.CustomerDomain, d.ProductLines, d.RegisteredAt!.Value, d.Status, d.ProtectedUntil);

    /// <summary>
    /// Reads the rows of all the deals at once, and gives each deal its own (at most perDeal, in the read's order). A read that
    /// comes back full may have left out some deal's rows for another's, so then each deal reads its own.
    /// </summary>
    static async Task<List<T>[]> ReadForEachAsync<T>(IReadOnlyList<Deal> deals, int perDeal, Func<IReadOnlyList<Deal>, int, Task<List<T>>> read,
                                                     Func<Deal, T, bool> belongs)
    {
        var own = new List<T>[deals.Count];
        if (deals.Count == 0) return own;
        var cap = perDeal * deals.Count;
        var all = await read(deals, cap);
        var full = deals.Count > 1 && all.Count == cap;
        for (var i = 0; i < deals.Count; i++)
            own[i] = (full ? await read([deals[i]], perDeal) : all).Where(row => belongs(deals[i], row)).Take(perDeal).ToList();
        return own;
    }

    /// <summary>Other partners' registrations still claiming the deals' customers, oldest first; only the columns the rules and the conflict rows use.</summary>
    static Task<List<Rival>> ReadRivalsAsync(AccrueDb db, IReadOnlyList<Deal> deals, int cap, CancellationToken ct)
    {
        var (domains, blocks) = CustomerKeysOf(deals);
        // A deal read on its own leaves its partner's rows out in the database, so that they do not take places under the cap.
        Guid? partner = deals.Count == 1 ? deals[0].PartnerId : null;
        return db.Deals.AsNoTracking().IgnoreQueryFilters()
            .Where(d => Claiming.Contains(d.Status) && d.RegisteredAt != null && (partner == null || d.PartnerId != partner)
                        && ((d.CustomerDomain != null && domains.Contains(d.CustomerDomain)) || blocks.Contains(d.CustomerNameBlock)))
            .OrderBy(d => d.RegisteredAt).Take(cap)
            .Select(d => new Rival(d.Id, d.PartnerId, d.CustomerName, d.CustomerNameBlock, d.CustomerDomain, d.ProductLines, d.RegisteredAt!.Value,
                                   d.Status, d.ProtectedUntil))
            .ToListAsync(ct);
    }

    static Task<List<PipelineRow>> ReadPipelineAsync(AccrueDb db, IReadOnlyList<Deal> deals, int cap, CancellationToken ct)
    {
        var (domains, blocks) = CustomerKeysOf(deals);
        return db.PipelineOpportunities.AsNoTracking().IgnoreQueryFilters()
            .Where(o => (o.CustomerDomain != null && domains.Contains(o.CustomerDomain)) || blocks.Contains(o.CustomerNameBlock))
            // The order is the rules' own, and no index has it: PostgreSQL's generic plan for an unordered LIMIT, whose size
            // it cannot see, expected to stop early and scanned the whole table.
            .OrderBy(o => o.CreatedOn).ThenBy(o => o.ExternalId).Take(cap)
            .Select(o => new PipelineRow(o.CustomerNameBlock, o.CustomerDomain,
                                         new VendorOpportunity(o.ExternalId, o.CustomerName, o.CustomerDomain, o.Owner, o.CreatedOn)))
            .ToListAsync(ct);
    }

    static Task<List<ContactUseRow>> ReadContactUsesAsync(AccrueDb db, IReadOnlyList<Deal> deals, int cap, CancellationToken ct)
    {
        var emails = deals.Select(d => d.ContactEmail!).Distinct().ToList();
        Guid? partner = deals.Count == 1 ? deals[0].PartnerId : null;
        return db.Deals.AsNoTracking().IgnoreQueryFilters()
            .Where(d => d.ContactEmail != null && emails.Contains(d.ContactEmail) && d.RegisteredAt != null && (partner == null || d.PartnerId != partner))
            .OrderBy(d => d.RegisteredAt).Take(cap)
            .Select(d => new ContactUseRow(d.PartnerId, d.ContactEmail!, d.RegisteredAt!.Value))
            .ToListAsync(ct);
    }

    /// <summary>Each partner's most recent registrations (up to MaxCandidates), leaving out the deals being screened.</summary>
    static async Task<Dictionary<Guid, List<PastRegistration>>> ReadHistoriesAsync(AccrueDb db, IReadOnlyList<Deal> deals, CancellationToken ct)
    {
        var partners = deals.Select(d => d.PartnerId).Distinct().ToList();
        var screened = deals.Select(d => d.Id).ToList();
        if (!db.Database.IsNpgsql() || partners.Count == 1)
        {
            // SQLite has no lateral join; it runs in the process, so a query per partner costs no round trip.
            var histories = new Dictionary<Guid, List<PastRegistration>>();
            foreach (var partner in partners)
                histories[partner] = await db.Deals.AsNoTracking().IgnoreQueryFilters()
                    .Where(d => d.PartnerId == partner && d.RegisteredAt != null && !screened.Contains(d.Id))
                    .OrderByDescending(d => d.RegisteredAt).Take(MaxCandidates)
                    .Select(d => new PastRegistration(d.RegisteredAt!.Value, d.EstimatedAmountMinor, d.Currency)).ToListAsync(ct);
            return histories;
        }
        // One round trip: each partner's own most recent, through a LATERAL join on the (PartnerId, RegisteredAt) index.
        // EF Core would rank every registration of the table by partner (ROW_NUMBER) instead.
        var rows = await db.Database.SqlQuery<HistoryRow>($"""
            SELECT h."PartnerId", h."RegisteredAt", h."EstimatedAmountMinor", h."Currency"
            FROM unnest({partners.ToArray()}) AS p(id)
            CROSS JOIN LATERAL (
                SELECT d."PartnerId", d."RegisteredAt", d."EstimatedAmountMinor", d."Currency" FROM "Deals" AS d
                WHERE d."PartnerId" = p.id AND d."RegisteredAt" IS NOT NULL AND d."Id" <> ALL ({screened.ToArray()})
                ORDER BY d."RegisteredAt" DESC LIMIT {MaxCandidates}) AS h
            """).ToListAsync(ct);
        return rows.GroupBy(r => r.PartnerId)
            .ToDictionary(g => g.Key, g => g.Select(r => new PastRegistration(r.RegisteredAt, r.EstimatedAmountMinor, r.Currency)).ToList());
    }

    sealed record HistoryRow(Guid PartnerId, DateTimeOffset RegisteredAt, long EstimatedAmountMinor, string Currency);

    static (List<string> Domains, List<string> Blocks) CustomerKeysOf(IReadOnlyList<Deal> deals) =>
        (deals.Select(d => d.CustomerDomain).OfType<string>().Distinct().ToList(), deals.Select(d => d.CustomerNameBlock).Distinct().ToList());

    static ConflictReport Detect(DealCandidate candidate, List<Rival> rivals, List<VendorOpportunity> pipeline,
                                 Dictionary<Guid, string>? partnerNames) =>
        ConflictDetection.Find(candidate,
            rivals.Select(r => new RivalRegistration(r.Id, r.PartnerId, partnerNames?.GetValueOrDefault(r.PartnerId) ?? "", r.CustomerName,
                                                     r.CustomerDomain, Deal.ProductLinesOf(r.ProductLines), r.RegisteredAt, r.Status,
                                                     r.ProtectedUntil)).ToList(),
            pipeline, MatchPolicy.Default);

    sealed record Screen(Deal Deal, DealCandidate Candidate, List<Rival> Rivals, List<VendorOpportunity> Pipeline,
                         List<ContactUseRow> ContactUses, List<PastRegistration> History, ConflictReport Report);
}

sealed record PipelineRow(string CustomerNameBlock, string? CustomerDomain, VendorOpportunity Opportunity);

/// <summary>Another partner's registration naming the same contact, before its partner's name is read.</summary>
sealed record ContactUseRow(Guid PartnerId, string ContactEmail, DateTimeOffset RegisteredAt);

/// <summary>The columns of another partner's registration that screening reads.</summary>
sealed record Rival(Guid Id, Guid PartnerId, string CustomerName, string CustomerNameBlock, string? CustomerDomain, string ProductLines,
                    DateTimeOffset RegisteredAt, DealStatus Status, DateOnly? ProtectedUntil);

/// <summary>The matching keys of a customer: normalised name, its block, and the normalised domain.</summary>
public static class CustomerKeys
{
    /// <summary>Names are compared only within a block of the same first characters: a fuzzy match needs candidates, not a scan of every deal.</summary>
    public const int BlockLength = 4;

    public static (string Key, string Block, string? Domain) For(string name, string? domain)
    {
        var key = CompanyNames.Normalize(name);
        return (key, key.Length <= BlockLength ? key : key[..BlockLength], WebDomains.Normalize(domain));
    }
}
