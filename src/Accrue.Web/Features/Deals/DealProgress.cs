using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using MoneyValue = Accrue.Engine.Money.Money;

namespace Accrue.Web.Features.Deals;

/// <summary>An approved deal moves on: stages, won or lost, evidence of influence, extensions, and expiry when protection lapses.</summary>
public sealed class DealProgress(AccrueDbFactory dbs, AccrueStorage storage, DealViews views, AuditTrail audit, TimeProvider clock)
{
    public Task<DealDetail> MoveToStageAsync(Guid id, StageRequest request, CancellationToken ct)
    {
        if (request.Stage is not (DealStatus.Qualified or DealStatus.Proposal or DealStatus.Negotiation))
            throw InvalidRequest.For("stage", "The stage must be Qualified, Proposal or Negotiation; use won or lost to close a deal.");
        return Change(id, "DealStageChanged", null, (_, deal) =>
        {
            DealSaves.Move(deal, request.Stage);
            deal.QualifiedOn ??= views.Today;
        }, ct);
    }

    public Task<DealDetail> WinAsync(Guid id, WinRequest request, CancellationToken ct)
    {
        if (request.ActualAmount <= 0) throw InvalidRequest.For("actualAmount", "The won amount must be more than zero.");
        if (request.ClosedOn > views.Today) throw InvalidRequest.For("closedOn", "A deal cannot close in the future.");
        return Change(id, "DealWon", null, (_, deal) =>
        {
            DealSaves.Move(deal, DealStatus.Won);
            deal.ActualAmountMinor = MoneyValue.FromDecimal(request.ActualAmount, deal.Currency).AmountMinor;
            deal.ClosedOn = request.ClosedOn;
            // A deal won straight from Approved reached the Qualified stage on the day it closed.
            deal.QualifiedOn ??= request.ClosedOn;
        }, ct);
    }

    public Task<DealDetail> LoseAsync(Guid id, LossRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) throw InvalidRequest.For("reason", "Say why the deal was lost.");
        return Change(id, "DealLost", request.Reason.Trim(), (_, deal) =>
        {
            DealSaves.Move(deal, DealStatus.Lost);
            deal.LostReason = request.Reason.Trim();
            deal.ClosedOn = views.Today;
        }, ct);
    }

    /// <summary>The partner asks for longer protection; a reviewer grants it (DealReview.ExtendAsync).</summary>
    public Task<DealDetail> RequestExtensionAsync(Guid id, ExtensionRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) throw InvalidRequest.For("reason", "Say why the deal needs longer protection.");
        return Change(id, "DealExtensionRequested", request.Reason.Trim(), (_, deal) =>
        {
            if (!DealLifecycle.IsClaiming(deal.Status) || deal.ProtectedUntil is null)
                throw new StateConflict($"Only an approved, open deal can ask for longer protection; this one is {deal.Status}.");
            (deal.ExtensionRequestedAt, deal.ExtensionReason) = (clock.GetUtcNow(), request.Reason.Trim());
        }, ct);
    }

    public async Task<DealDetail> AddEvidenceAsync(Guid id, EvidenceRequest request, CancellationToken ct)
    {
        if (!Enum.IsDefined(request.Kind)) throw InvalidRequest.For("kind", "The evidence is a CoSellingCall, JointDemo or PartnerSourcedLead.");
        if (string.IsNullOrWhiteSpace(request.Who)) throw InvalidRequest.For("who", "Say who took part.");
        if (request.OccurredOn > views.Today) throw InvalidRequest.For("occurredOn", "Evidence is of something that already happened.");
        // Added through the context, not the deal's collection: EF Core would take a new row with its id already set for an existing one.
        return await Change(id, "DealEvidenceLogged", null, (db, deal) => db.InfluenceEvidence.Add(new InfluenceEvidence
        {
            DealId = deal.Id, Kind = request.Kind, OccurredOn = request.OccurredOn, Who = request.Who.Trim(), Notes = request.Notes?.Trim(),
            LoggedBy = dbs.Actor.Name, LoggedAt = clock.GetUtcNow(),
        }), ct);
    }

    /// <summary>Expires open deals whose protection has lapsed (on its end day). Runs as the system.</summary>
    public async Task<int> ExpireLapsedAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = storage.Create(Actor.System);
        var lapsed = await db.Deals.Where(d => d.ProtectedUntil != null && d.ProtectedUntil <= today
                                               && (d.Status == DealStatus.Approved || d.Status == DealStatus.Qualified
                                                   || d.Status == DealStatus.Proposal || d.Status == DealStatus.Negotiation))
            .Take(1000).ToListAsync(ct);
        foreach (var deal in lapsed)
        {
            DealSaves.Move(deal, DealStatus.Expired);
            deal.Revision = Guid.NewGuid();
            audit.Record(db, "DealExpired", nameof(Deal), deal.Id, deal.PartnerId, after: new { deal.Status },
                         reason: $"Protection lapsed on {deal.ProtectedUntil:yyyy-MM-dd}.");
        }
        await db.SaveChangesAsync(ct);
        return lapsed.Count;
    }

    /// <summary>Loads a deal the caller may change (its partner's users, its manager, program admins), applies a change, audits and saves.</summary>
    async Task<DealDetail> Change(Guid id, string action, string? reason, Action<AccrueDb, Deal> change, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new RecordNotFound("The deal");
        var actor = dbs.Actor;
        if (actor.ActsForPartner != deal.PartnerId && !actor.IsIn(AccrueRoles.ProgramAdmin) && !actor.IsIn(AccrueRoles.PartnerManager))
            throw new ActionForbidden("Only the partner's users, its manager and program admins update a deal.");
        var before = new { deal.Status, deal.ActualAmountMinor, deal.ClosedOn };
        change(db, deal);
        deal.Revision = Guid.NewGuid();
        audit.Record(db, action, nameof(Deal), deal.Id, deal.PartnerId, before, new { deal.Status, deal.ActualAmountMinor, deal.ClosedOn }, reason);
        await DealSaves.SaveAsync(db, ct);
        return (await views.FindAsync(id, ct))!;
    }
}

/// <summary>Checks every hour for deals whose protection lapsed, so they expire on their end day.</summary>
sealed class DealExpiryJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DealExpiryJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expired = await scope.ServiceProvider.GetRequiredService<DealProgress>().ExpireLapsedAsync(stoppingToken);
                if (expired > 0) log.LogInformation("Expired {Count} deals whose protection lapsed.", expired);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "Expiring lapsed deals failed; the next check retries.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
