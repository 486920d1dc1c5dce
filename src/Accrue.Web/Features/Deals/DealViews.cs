using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Audit;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using MoneyValue = Accrue.Engine.Money.Money;

namespace Accrue.Web.Features.Deals;

/// <summary>Reads deals as the caller may see them: lists, the detail page, the timeline.</summary>
public sealed class DealViews(AccrueDbFactory dbs, AccrueStorage storage, TimeProvider clock)
{
    public async Task<Paged<DealSummary>> ListAsync(DealQuery query, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var deals = Filtered(db, query);
        var total = await deals.CountAsync(ct);
        var (page, size) = Paging.Clamp(query.Page, query.PageSize);
        var rows = await Sorted(deals, query.Sort, query.Descending).Skip(page * size).Take(size)
            .Select(d => new { Deal = d, PartnerName = d.Partner!.Name }).ToListAsync(ct);
        return new Paged<DealSummary>(rows.Select(r => Summary(r.Deal, r.PartnerName)).ToList(), total);
    }

    internal static IQueryable<Deal> Filtered(AccrueDb db, DealQuery query)
    {
        var deals = db.Deals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            deals = deals.Where(d => d.CustomerName.ToLower().Contains(term) || (d.CustomerDomain != null && d.CustomerDomain.Contains(term))
                                     || (d.ExternalId != null && d.ExternalId.ToLower().Contains(term)) || d.Partner!.Name.ToLower().Contains(term));
        }
        if (query.Status is { } status) deals = deals.Where(d => d.Status == status);
        if (query.PartnerId is { } partner) deals = deals.Where(d => d.PartnerId == partner);
        // Partners never learn that a deal needs review (it hides conflicts and signals): to them the flag is always false.
        if (query.NeedsReview is { } review)
            deals = db.Actor.IsStaff ? deals.Where(d => d.NeedsReview == review) : review ? deals.Where(d => false) : deals;
        return deals;
    }

    static IQueryable<Deal> Sorted(IQueryable<Deal> deals, string? sort, bool descending) =>
        (sort?.ToLowerInvariant(), descending) switch
        {
            ("customer", false) => deals.OrderBy(d => d.CustomerName).ThenBy(d => d.Id),
            ("customer", true) => deals.OrderByDescending(d => d.CustomerName).ThenBy(d => d.Id),
            ("amount", false) => deals.OrderBy(d => d.EstimatedAmountMinor).ThenBy(d => d.Id),
            ("amount", true) => deals.OrderByDescending(d => d.EstimatedAmountMinor).ThenBy(d => d.Id),
            ("expectedclose", false) => deals.OrderBy(d => d.ExpectedCloseOn).ThenBy(d => d.Id),
            ("expectedclose", true) => deals.OrderByDescending(d => d.ExpectedCloseOn).ThenBy(d => d.Id),
            ("status", false) => deals.OrderBy(d => d.Status).ThenBy(d => d.Id),
            ("status", true) => deals.OrderByDescending(d => d.Status).ThenBy(d => d.Id),
            ("registered", false) => deals.OrderBy(d => d.RegisteredAt).ThenBy(d => d.Id),
            // Newest registrations first by default; drafts (not registered yet) come after.
            _ => deals.OrderByDescending(d => d.RegisteredAt).ThenByDescending(d => d.CreatedAt).ThenBy(d => d.Id),
        };

    /// <summary>How many of a partner's deals (that the caller may see) stand in each status.</summary>
    public async Task<IReadOnlyList<(DealStatus Status, int Count)>> CountByStatusAsync(Guid partnerId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var counts = await db.Deals.Where(d => d.PartnerId == partnerId).GroupBy(d => d.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.OrderBy(c => c.Key).Select(c => (c.Key, c.Count)).ToList();
    }

    public async Task<DealDetail?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var row = await db.Deals.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new { Deal = d, PartnerName = d.Partner!.Name }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var deal = row.Deal;
        // The filters leave conflicts and signals empty for partners.
        var conflicts = await db.DealConflicts.AsNoTracking().Where(c => c.DealId == id).OrderBy(c => c.RivalRegisteredAt).ToListAsync(ct);
        var signals = await db.DealSignals.AsNoTracking().Where(s => s.DealId == id).OrderBy(s => s.Kind).ToListAsync(ct);
        var evidence = await db.InfluenceEvidence.AsNoTracking().Where(e => e.DealId == id).OrderBy(e => e.OccurredOn).ToListAsync(ct);
        var staff = dbs.Actor.IsStaff;
        var today = Today;
        return new DealDetail(
            Summary(deal, row.PartnerName), deal.CustomerCountry, deal.ContactName, deal.ContactEmail, deal.ProductLineList, deal.Involvement,
            deal.Notes, deal.DecisionReason, deal.ProtectedFrom, ProtectionDaysLeft(deal, today), deal.ExtensionRequestedAt, deal.ExtensionReason,
            deal.ActualAmountMinor is { } actual ? new MoneyValue(actual, deal.Currency).ToString() : null, deal.ClosedOn, deal.LostReason,
            staff && deal.SpotAudit, DealLifecycle.NextStatuses(deal.Status), deal.Revision,
            conflicts.Select(ConflictView.From).ToList(), signals.Select(s => new FraudSignal(s.Kind, s.Explanation)).ToList(),
            evidence.Select(e => new EvidenceView(e.Kind, e.OccurredOn, e.Who, e.Notes, e.LoggedBy, e.LoggedAt)).ToList(),
            await TimelineAsync(id, ct));
    }

    /// <summary>The deal's history from the audit log: what happened, who did it, when, and why.</summary>
    /// <remarks>A query of its own through the system context, only for a deal the caller has already been shown.</remarks>
    async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(Guid dealId, CancellationToken ct)
    {
        await using var db = storage.Create(Actor.System);
        var key = dealId.ToString();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Deal) && e.EntityId == key)
            .OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new { e.At, e.ActorName, e.Action, e.Reason }).ToListAsync(ct);
        return entries.Select(e => new TimelineEntry(e.At, e.ActorName, AuditWords.Of(e.Action), e.Reason)).ToList();
    }

    internal DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    internal DealSummary Summary(Deal d, string partnerName) =>
        new(d.Id, d.PartnerId, partnerName, d.ExternalId, d.CustomerName, d.CustomerDomain, d.Status, d.EstimatedAmountMinor, d.Currency,
            new MoneyValue(d.EstimatedAmountMinor, d.Currency).ToString(), d.ExpectedCloseOn, d.RegisteredAt, d.ProtectedUntil,
            dbs.Actor.IsStaff && d.NeedsReview, NextStep(d, Today));

    static int ProtectionDaysLeft(Deal d, DateOnly today) =>
        d.ProtectedFrom is { } from && d.ProtectedUntil is { } until && DealLifecycle.IsClaiming(d.Status)
            ? new ProtectionWindow(from, until).DaysLeft(today) : 0;

    /// <summary>What the deal needs next, in the partner's words.</summary>
    static string NextStep(Deal d, DateOnly today) => d.Status switch
    {
        DealStatus.Draft => "Submit it to claim the opportunity.",
        DealStatus.Submitted => "Waiting for the vendor's decision.",
        DealStatus.Returned => $"The vendor asked for more information: {d.DecisionReason} Edit and submit it again.",
        DealStatus.Rejected => $"Rejected: {d.DecisionReason}",
        DealStatus.Won => $"Won on {d.ClosedOn:yyyy-MM-dd}.",
        DealStatus.Lost => $"Lost: {d.LostReason}",
        DealStatus.Expired => $"Protection lapsed on {d.ProtectedUntil:yyyy-MM-dd}.",
        _ when ProtectionDaysLeft(d, today) is var left and > 0 =>
            $"Protected until {d.ProtectedUntil:yyyy-MM-dd} ({left} day{(left == 1 ? "" : "s")} left). Update the stage as it moves.",
        _ => "Protection has lapsed; it expires at the next check.",
    };
}
