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
public sealed class DealScreening(AccrueStorage storage, ScreeningIndex index, DealOptions options, TimeProvider clock)
{
    readonly Lock stamping = new();
    DateTimeOffset lastStamp = DateTimeOffset.MinValue;

    const int MaxCandidates = 500;
    const int MaxContactUses = 20;

    /// <summary>
    /// Screens deals submitted together, each as if those before it in the list had been submitted
    /// (and committed) just before it: an earlier one is a rival of a later one of another partner,
    /// and part of the history of a later one of its own partner. Registrations come from the
    /// <see cref="ScreeningIndex"/>, brought up to date within the transaction after claiming the deals'
    /// customers, and so does the vendor's pipeline. A deal without a registration time gets one then,
    /// in the list's order; a deal returned for more information keeps its own, and its place.
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
        await ScreenAsync(deals, db, ct);
    }

    /// <summary>The same, reading through the caller's own system context, open and within its transaction.</summary>
    internal async Task ScreenAsync(IReadOnlyList<Deal> deals, AccrueDb db, CancellationToken ct)
    {
        if (!ReferenceEquals(db.Actor, Actor.System)) throw new InvalidOperationException("Screening reads as the system.");
        var found = await index.FindAsync(db, deals, MaxCandidates, MaxContactUses, MaxCandidates, ct);
        // With the customers claimed: of two submissions of one customer, the one that took its turn later is registered later
        // and names the other (first registered wins, also within a group).
        foreach (var deal in deals) deal.RegisteredAt ??= NextStamp();

        var screens = new List<Screen>(deals.Count);
        for (var i = 0; i < deals.Count; i++)
        {
            var deal = deals[i];
            var earlier = deals.Take(i).ToList();
            var candidate = new DealCandidate(deal.Id, deal.PartnerId, deal.CustomerName, deal.CustomerDomain, deal.ProductLineList, deal.RegisteredAt!.Value);
            // The index gives each list in its order and within its cap already: only the group's earlier deals need merging in.
            var earlierRivals = earlier.Where(e => e.PartnerId != deal.PartnerId && SameCustomer(deal, e.CustomerDomain, e.CustomerNameBlock))
                .Select(RivalOf).ToList();
            var rivals = earlierRivals.Count == 0 ? found[i].Rivals
                : found[i].Rivals.Concat(earlierRivals).OrderBy(r => r.RegisteredAt).ThenBy(r => r.DealId).Take(MaxCandidates).ToList();
            var pipeline = found[i].Pipeline;
            var earlierContacts = earlier.Where(e => e.PartnerId != deal.PartnerId && e.ContactEmail is not null && e.ContactEmail == deal.ContactEmail)
                .Select(e => new ContactUseRow(e.PartnerId, e.ContactEmail!, e.RegisteredAt!.Value)).ToList();
            var contactUses = earlierContacts.Count == 0 ? found[i].ContactUses
                : found[i].ContactUses.Concat(earlierContacts).OrderBy(u => u.RegisteredAt).Take(MaxContactUses).ToList();
            var earlierOwn = earlier.Where(e => e.PartnerId == deal.PartnerId)
                .Select(e => new PastRegistration(e.RegisteredAt!.Value, e.EstimatedAmountMinor, e.Currency)).ToList();
            var history = earlierOwn.Count == 0 ? found[i].History
                : found[i].History.Concat(earlierOwn).OrderByDescending(p => p.RegisteredAt).Take(MaxCandidates).ToList();
            screens.Add(new Screen(deal, candidate, rivals, pipeline, contactUses, history, Detect(candidate, rivals, pipeline, partnerNames: null)));
        }

        // ConflictDetection judges each rival on its own, and a rival's partner name appears only in the explanation of
        // that rival's own conflict. So the names are read for the few rivals that conflict (and the partners sharing a
        // contact), then the check runs again with them, instead of joining a partner onto every rival in a block.
        var named = screens.SelectMany(s => s.Report.Conflicts.Where(c => c.RivalDealId is not null)
                                           .Select(c => s.Rivals.First(r => r.DealId == c.RivalDealId).PartnerId)
                                           .Concat(s.ContactUses.Select(u => u.PartnerId)))
            .Distinct().ToList();
        var partnerNames = new Dictionary<Guid, string>();
        if (named.Count > 0)
            await foreach (var partner in PartnerNames.For(db)(db, named).WithCancellation(ct)) partnerNames[partner.Id] = partner.Name;
        foreach (var screen in screens)
            Record(screen, partnerNames);
    }

    static readonly CompiledPerModel<Func<AccrueDb, List<Guid>, IAsyncEnumerable<PartnerName>>> PartnerNames = new(() =>
        EF.CompileAsyncQuery((AccrueDb db, List<Guid> ids) =>
            db.Partners.AsNoTracking().IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).Select(p => new PartnerName(p.Id, p.Name))));

    sealed record PartnerName(Guid Id, string Name);

    void Record(Screen screen, Dictionary<Guid, string> partnerNames)
    {
        var (deal, candidate, rivals, pipeline, contactUses, history, report) = screen;
        if (report.Conflicts.Any(c => c.RivalDealId is not null)) report = Detect(candidate, rivals, pipeline, partnerNames);
        deal.Conflicts.Clear();
        foreach (var conflict in report.Conflicts)
        {
            // A few conflicts among up to hundreds of rivals: found by a scan, not a dictionary built for every deal.
            var rival = conflict.RivalDealId is { } id ? rivals.First(r => r.DealId == id) : null;
            deal.Conflicts.Add(new DealConflict
            {
                DealId = deal.Id, Kind = conflict.Kind, RivalDealId = conflict.RivalDealId, VendorOpportunityId = conflict.VendorOpportunityId,
                Similarity = conflict.Similarity, Explanation = conflict.Explanation,
                RivalPartnerName = rival is null ? null : partnerNames[rival.PartnerId],
                RivalCustomerName = rival?.CustomerName ?? pipeline.FirstOrDefault(o => o.Id == conflict.VendorOpportunityId)?.CustomerName,
                RivalCustomerDomain = rival?.CustomerDomain, RivalProductLines = rival is null ? null : string.Join(';', rival.ProductLines),
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

    /// <summary>
    /// The clock, but strictly later than the last stamp, in whole tenths of a millisecond: the finest both databases keep
    /// (PostgreSQL keeps microseconds; the SQLite context's converter, tenths of a millisecond). So registrations of one
    /// group, or of groups in quick succession, never share an instant, in memory or stored.
    /// </summary>
    DateTimeOffset NextStamp()
    {
        const long step = TimeSpan.TicksPerMillisecond / 10;
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % step));
        lock (stamping)
        {
            lastStamp = now > lastStamp ? now : lastStamp.AddTicks(step);
            return lastStamp;
        }
    }

    static bool SameCustomer(Deal deal, string? domain, string block) =>
        (deal.CustomerDomain is not null && domain == deal.CustomerDomain) || block == deal.CustomerNameBlock;

    /// <summary>A deal as a rival, before its partner's name is known.</summary>
    static RivalRegistration RivalOf(Deal d) =>
        new(d.Id, d.PartnerId, "", d.CustomerName, d.CustomerDomain, d.ProductLineList, d.RegisteredAt!.Value, d.Status, d.ProtectedUntil);

    static ConflictReport Detect(DealCandidate candidate, List<RivalRegistration> rivals, List<VendorOpportunity> pipeline,
                                 Dictionary<Guid, string>? partnerNames) =>
        ConflictDetection.Find(candidate,
            partnerNames is null ? rivals : rivals.Select(r => r with { PartnerName = partnerNames.GetValueOrDefault(r.PartnerId) ?? "" }).ToList(),
            pipeline, MatchPolicy.Default);

    sealed record Screen(Deal Deal, DealCandidate Candidate, List<RivalRegistration> Rivals, List<VendorOpportunity> Pipeline,
                         List<ContactUseRow> ContactUses, List<PastRegistration> History, ConflictReport Report);
}

/// <summary>Another partner's registration naming the same contact, before its partner's name is read.</summary>
sealed record ContactUseRow(Guid PartnerId, string ContactEmail, DateTimeOffset RegisteredAt);

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
