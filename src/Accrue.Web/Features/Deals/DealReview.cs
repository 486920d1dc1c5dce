using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Deals;

/// <summary>The vendor's side of registration: the queues, and the decisions on submitted deals.</summary>
/// <remarks>Decided by program admins and the partner's manager; the queue shows how long partners wait.</remarks>
public sealed class DealReview(AccrueDbFactory dbs, DealViews views, AuditTrail audit, TimeProvider clock, DealOptions options, ProgramVersions programs)
{
    public enum Queue { Pending, Conflicts, Flagged }

    /// <summary>Submitted deals, oldest first, with how long each has waited.</summary>
    public async Task<Paged<QueueItem>> QueueAsync(Queue queue, int page, int pageSize, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var deals = db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Submitted);
        deals = queue switch
        {
            Queue.Conflicts => deals.Where(d => d.Conflicts.Any()),
            Queue.Flagged => deals.Where(d => d.Signals.Any() || d.SpotAudit),
            _ => deals,
        };
        var total = await deals.CountAsync(ct);
        var rows = await deals.OrderBy(d => d.RegisteredAt).ThenBy(d => d.Id).Skip(page * pageSize).Take(pageSize)
            .Select(d => new { Deal = d, PartnerName = d.Partner!.Name, Conflicts = d.Conflicts.Count, Signals = d.Signals.Count })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return new Paged<QueueItem>(rows.Select(r => new QueueItem(views.Summary(r.Deal, r.PartnerName), now - r.Deal.RegisteredAt!.Value,
                                                                  r.Conflicts, r.Signals, r.Deal.SpotAudit)).ToList(), total);
    }

    public async Task<ServiceLevel> ServiceLevelAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var now = clock.GetUtcNow();
        var waiting = (await db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Submitted).Select(d => d.RegisteredAt!.Value).ToListAsync(ct))
            .Select(at => now - at).Order().ToList();
        var since = now.AddDays(-30);
        var decided = (await db.Deals.AsNoTracking().Where(d => d.DecidedAt != null && d.DecidedAt >= since && d.RegisteredAt != null)
            .Select(d => new { d.DecidedAt, d.RegisteredAt }).ToListAsync(ct))
            .Select(d => d.DecidedAt!.Value - d.RegisteredAt!.Value).Order().ToList();
        return new ServiceLevel(waiting.Count, waiting.Count > 0 ? waiting[^1] : null, LowerMedian(waiting), decided.Count, LowerMedian(decided));
    }

    static TimeSpan? LowerMedian(List<TimeSpan> sorted) => sorted.Count == 0 ? null : sorted[(sorted.Count - 1) / 2];

    /// <summary>Approves a submitted deal: protection runs from today for the program's days, or to the date the reviewer sets.</summary>
    public async Task<DealDetail> ApproveAsync(Guid id, DecisionRequest request, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var deal = await Decidable(db, id, ct, DealStatus.Approved);
        Approve(db, deal, request.ProtectedUntil, await ProtectionDaysAsync(db, deal.PartnerId, ct), request.Reason);
        await DealSaves.SaveAsync(db, ct);
        return (await views.FindAsync(id, ct))!;
    }

    /// <summary>The protection the partner's tier grants, or the program's default when its tier sets none.</summary>
    async Task<int> ProtectionDaysAsync(AccrueDb db, Guid partnerId, CancellationToken ct)
    {
        if (await programs.InForceOnAsync(views.Today, ct) is not { } program) return options.ProtectionDays;
        var tierId = await db.PartnerTiers.Where(t => t.PartnerId == partnerId).Select(t => t.TierId).SingleOrDefaultAsync(ct);
        var tier = program.Definition.Tiers.FirstOrDefault(t => t.Id == tierId) ?? program.Definition.Tiers[0];
        return tier.Benefits.DealProtectionDays ?? options.ProtectionDays;
    }

    void Approve(AccrueDb db, Deal deal, DateOnly? protectedUntil, int protectionDays, string? reason)
    {
        var today = views.Today;
        if (protectedUntil is { } until && until <= today)
            throw InvalidRequest.For("protectedUntil", "Protection must last at least until tomorrow.");
        DealSaves.Move(deal, DealStatus.Approved);
        var window = protectedUntil is { } end ? new ProtectionWindow(today, end) : ProtectionWindow.Starting(today, protectionDays);
        (deal.ProtectedFrom, deal.ProtectedUntil) = (window.Start, window.End);
        Decided(deal, reason);
        audit.Record(db, "DealApproved", nameof(Deal), deal.Id, deal.PartnerId, after: new { deal.Status, deal.ProtectedFrom, deal.ProtectedUntil }, reason: reason);
    }

    public async Task<DealDetail> RejectAsync(Guid id, DecisionRequest request, CancellationToken ct) =>
        await DecideWithReason(id, request, DealStatus.Rejected, "DealRejected", ct);

    /// <summary>Sends a deal back to the partner for more information; it keeps its place (its registration time).</summary>
    public async Task<DealDetail> ReturnAsync(Guid id, DecisionRequest request, CancellationToken ct) =>
        await DecideWithReason(id, request, DealStatus.Returned, "DealReturned", ct);

    async Task<DealDetail> DecideWithReason(Guid id, DecisionRequest request, DealStatus to, string action, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw InvalidRequest.For("reason", to == DealStatus.Rejected ? "Say why the deal is rejected: the partner sees it." : "Say what information is missing: the partner sees it.");
        await using var db = dbs.Create();
        var deal = await Decidable(db, id, ct, to);
        DealSaves.Move(deal, to);
        Decided(deal, request.Reason.Trim());
        audit.Record(db, action, nameof(Deal), deal.Id, deal.PartnerId, after: new { deal.Status }, reason: deal.DecisionReason);
        await DealSaves.SaveAsync(db, ct);
        return (await views.FindAsync(id, ct))!;
    }

    /// <summary>Approves several deals; each answers for itself, so one refusal does not stop the others.</summary>
    public async Task<IReadOnlyList<BulkApprovalResult>> ApproveManyAsync(BulkApprovalRequest request, CancellationToken ct)
    {
        if (request.DealIds.Count is 0 or > 200) throw InvalidRequest.For("dealIds", "Approve between 1 and 200 deals at a time.");
        var results = new List<BulkApprovalResult>();
        foreach (var id in request.DealIds.Distinct())
        {
            try
            {
                await using var db = dbs.Create();
                var deal = await Decidable(db, id, ct, DealStatus.Approved);
                Approve(db, deal, null, await ProtectionDaysAsync(db, deal.PartnerId, ct), "Approved in bulk");
                await DealSaves.SaveAsync(db, ct);
                results.Add(new BulkApprovalResult(id, true, $"Approved; protected until {deal.ProtectedUntil:yyyy-MM-dd}."));
            }
            catch (Exception refused) when (refused is StateConflict or RecordNotFound or ActionForbidden)
            {
                results.Add(new BulkApprovalResult(id, false, refused.Message));
            }
        }
        return results;
    }

    /// <summary>Grants a requested extension: protection lasts so many days longer.</summary>
    public async Task<DealDetail> ExtendAsync(Guid id, ExtensionGrant grant, CancellationToken ct)
    {
        if (grant.Days is < 1 or > 365) throw InvalidRequest.For("days", "Extend protection by 1 to 365 days.");
        await using var db = dbs.Create();
        var deal = await Decidable(db, id, ct);
        if (!DealLifecycle.IsClaiming(deal.Status) || deal.ProtectedFrom is null || deal.ProtectedUntil is null || deal.Status == DealStatus.Submitted)
            throw new StateConflict($"Only an approved, open deal has protection to extend; this one is {deal.Status}.");
        var before = deal.ProtectedUntil;
        var window = new ProtectionWindow(deal.ProtectedFrom.Value, deal.ProtectedUntil.Value).ExtendedBy(grant.Days);
        deal.ProtectedUntil = window.End;
        var reason = deal.ExtensionReason;
        (deal.ExtensionRequestedAt, deal.ExtensionReason) = (null, null);
        deal.Revision = Guid.NewGuid();
        audit.Record(db, "DealProtectionExtended", nameof(Deal), deal.Id, deal.PartnerId,
                     new { ProtectedUntil = before }, new { deal.ProtectedUntil }, reason ?? $"Extended by {grant.Days} days");
        await DealSaves.SaveAsync(db, ct);
        return (await views.FindAsync(id, ct))!;
    }

    /// <summary>A deal the caller may decide; moving it <paramref name="to"/> a status the lifecycle refuses answers 409 with the lifecycle's reason.</summary>
    async Task<Deal> Decidable(AccrueDb db, Guid id, CancellationToken ct, DealStatus? to = null)
    {
        var actor = dbs.Actor;
        if (!actor.IsIn(AccrueRoles.ProgramAdmin) && !actor.IsIn(AccrueRoles.PartnerManager))
            throw new ActionForbidden("Deals are decided by program admins and partner managers.");
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new RecordNotFound("The deal");
        if (to is { } status && DealLifecycle.Check(deal.Status, status) is { IsAllowed: false } refused)
            throw new StateConflict(refused.Refusal!);
        return deal;
    }

    void Decided(Deal deal, string? reason)
    {
        deal.DecidedAt = clock.GetUtcNow();
        deal.DecidedBy = dbs.Actor.Name;
        deal.DecisionReason = reason;
        deal.Revision = Guid.NewGuid();
    }
}
