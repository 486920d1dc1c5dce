using System.Security.Cryptography;
using System.Text.Json;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Accrue.Web.Features.Deals;

/// <summary>Partners register deals: save a draft, edit it, submit it. Submitting screens it and claims first place.</summary>
public sealed class DealRegistration(
    AccrueDbFactory dbs, DealScreening screening, RegistrationQueue queue, DealViews views, AuditTrail audit)
{
    /// <summary>How requests are hashed and first answers stored for idempotency keys: enums by name, as the API writes them.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>
    /// Registers a deal for the caller's partner. With an idempotency key, a retry of the same request
    /// gets the first answer and creates nothing; the same key with another request is refused.
    /// </summary>
    /// <remarks>New registrations are saved in groups by the <see cref="RegistrationQueue"/>; the request waits for its answer.</remarks>
    public Task<RegistrationOutcome> RegisterAsync(RegisterDealRequest request, string? idempotencyKey)
    {
        RegisterDealRequest.Validator.ThrowIfInvalid(request);
        var actor = dbs.Actor;
        var partnerId = actor.ActsForPartner ?? throw new ActionForbidden("Deals are registered by a partner's own users.");
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, Json)));
        return queue.RegisterAsync(new NewRegistration(actor, partnerId, request, actor.UserId!.Value.ToString(), idempotencyKey, requestHash));
    }

    internal static Deal NewDeal(RegisterDealRequest request, Guid partnerId, Actor actor, DateTimeOffset now)
    {
        var deal = new Deal
        {
            PartnerId = partnerId, CustomerName = "", CustomerNameKey = "", CustomerNameBlock = "", CustomerCountry = "", Currency = "",
            CreatedAt = now, CreatedById = actor.UserId,
        };
        Apply(request, deal);
        return deal;
    }

    /// <summary>Edits a draft, or a deal returned for more information; with Submit, submits it too.</summary>
    public async Task<RegistrationOutcome> UpdateAsync(Guid id, RegisterDealRequest request, CancellationToken ct)
    {
        RegisterDealRequest.Validator.ThrowIfInvalid(request);
        await using var db = dbs.Create();
        var deal = await OwnDeal(db, id, ct);
        if (deal.Status is not (DealStatus.Draft or DealStatus.Returned))
            throw new StateConflict($"Only a draft or a returned deal can be edited; this one is {deal.Status}.");
        var before = Snapshot(deal);
        Apply(request, deal);
        audit.Record(db, "DealEdited", nameof(Deal), deal.Id, deal.PartnerId, before, Snapshot(deal));
        await using var claim = request.Submit ? await SubmitInto(db, deal, ct) : null;
        deal.Revision = Guid.NewGuid();
        await DealSaves.SaveAsync(db, ct);
        if (claim is not null) await claim.CommitAsync(ct);
        return Outcome(deal);
    }

    public async Task<RegistrationOutcome> SubmitAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var deal = await OwnDeal(db, id, ct);
        await using var claim = await SubmitInto(db, deal, ct);
        deal.Revision = Guid.NewGuid();
        await DealSaves.SaveAsync(db, ct);
        await claim.CommitAsync(ct);
        return Outcome(deal);
    }

    /// <summary>
    /// Submits the deal inside a transaction that claims its customer: the caller saves, then commits
    /// the transaction returned. Submissions that could conflict (the same customer name block or the
    /// same domain) take their turn, and each takes its registration time within its turn, so the
    /// later one always sees the earlier as a rival: first registered wins even at the same instant.
    /// </summary>
    async Task<IDbContextTransaction> SubmitInto(AccrueDb db, Deal deal, CancellationToken ct)
    {
        DealSaves.Move(deal, DealStatus.Submitted);
        var claim = await DealSaves.BeginSubmissionsAsync(db, ct);
        // Screening replaces the findings of an earlier submission (a returned deal) with new rows. The partner's context hides
        // findings, so the earlier ones are loaded past the filters to be deleted; and the new ones, whose ids are set already,
        // are added explicitly: left to change detection, EF Core would take them for existing rows and update them (409).
        List<object> earlier =
        [
            .. await db.DealConflicts.IgnoreQueryFilters().Where(c => c.DealId == deal.Id).ToListAsync(ct),
            .. await db.DealSignals.IgnoreQueryFilters().Where(c => c.DealId == deal.Id).ToListAsync(ct),
        ];
        // Screening reads as the system, in a context of its own, but on this context's connection and in its transaction.
        await screening.ScreenAsync([deal], claim.GetDbTransaction(), ct);
        db.RemoveRange(earlier);
        db.AddRange(deal.Conflicts);
        db.AddRange(deal.Signals);
        db.AuditEntries.Add(SubmissionEntry(audit, deal, dbs.Actor));
        return claim;
    }

    internal static AuditEntry SubmissionEntry(AuditTrail audit, Deal deal, Actor by) =>
        audit.Entry(by, "DealSubmitted", nameof(Deal), deal.Id, deal.PartnerId,
                    after: new { deal.Status, deal.RegisteredAt, Conflicts = deal.Conflicts.Count, Signals = deal.Signals.Count, deal.SpotAudit });

    async Task<Deal> OwnDeal(AccrueDb db, Guid id, CancellationToken ct)
    {
        var deal = await db.Deals.Include(d => d.Conflicts).Include(d => d.Signals).SingleOrDefaultAsync(d => d.Id == id, ct)
                   ?? throw new RecordNotFound("The deal");
        if (dbs.Actor.ActsForPartner != deal.PartnerId) throw new ActionForbidden("Only the partner that registered a deal edits or submits it.");
        return deal;
    }

    static void Apply(RegisterDealRequest request, Deal deal)
    {
        var (key, block, domain) = CustomerKeys.For(request.CustomerName, request.CustomerDomain);
        deal.CustomerName = request.CustomerName.Trim();
        deal.CustomerNameKey = key;
        deal.CustomerNameBlock = block;
        deal.CustomerDomain = domain;
        deal.CustomerCountry = request.CustomerCountry.Trim().ToUpperInvariant();
        deal.ContactName = string.IsNullOrWhiteSpace(request.ContactName) ? null : request.ContactName.Trim();
        deal.ContactEmail = string.IsNullOrWhiteSpace(request.ContactEmail) ? null : request.ContactEmail.Trim().ToLowerInvariant();
        deal.ProductLines = string.Join(';', request.ProductLines.Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase));
        deal.EstimatedAmountMinor = request.EstimatedMoney().AmountMinor;
        deal.Currency = request.Currency;
        deal.ExpectedCloseOn = request.ExpectedCloseOn;
        deal.Involvement = request.Involvement;
        deal.Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
    }

    internal static RegistrationOutcome Outcome(Deal deal) => new(deal.Id, deal.Status, deal.Status switch
    {
        DealStatus.Draft => "Saved as a draft. Submit it to claim the opportunity.",
        // Partners learn that a deal is under review, not why: conflicts name other partners.
        DealStatus.Submitted => "Submitted. The vendor reviews it; you will see the decision here.",
        _ => deal.Status.ToString(),
    });

    internal static object Snapshot(Deal d) => new
    {
        d.CustomerName, d.CustomerDomain, d.CustomerCountry, d.ContactName, d.ContactEmail, d.ProductLines, d.EstimatedAmountMinor, d.Currency,
        d.ExpectedCloseOn, d.Involvement, d.Status,
    };

    public Task<Paged<DealSummary>> ListAsync(DealQuery query, CancellationToken ct) => views.ListAsync(query, ct);
    public Task<DealDetail?> FindAsync(Guid id, CancellationToken ct) => views.FindAsync(id, ct);
}

/// <summary>The moves and saves every deal operation shares.</summary>
static class DealSaves
{
    /// <summary>Moves a deal if the lifecycle allows it, or answers 409 with the lifecycle's reason.</summary>
    public static void Move(Deal deal, DealStatus to)
    {
        var transition = DealLifecycle.Check(deal.Status, to);
        if (!transition.IsAllowed) throw new StateConflict(transition.Refusal!);
        deal.Status = to;
    }

    /// <summary>
    /// Begins the submissions' transaction; the caller screens the deals (which claims their customers, see
    /// <see cref="ScreeningIndex.FindAsync"/>), saves, then commits. On SQLite, Microsoft.Data.Sqlite begins the
    /// (serializable, not deferred) transaction EF Core asks for with BEGIN IMMEDIATE, taking the database's write lock
    /// before screening reads: one writer at a time.
    /// </summary>
    public static Task<IDbContextTransaction> BeginSubmissionsAsync(AccrueDb db, CancellationToken ct) => db.Database.BeginTransactionAsync(ct);

    public static async Task SaveAsync(AccrueDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StateConflict("Someone changed this deal at the same moment. Reload it and try again.");
        }
    }
}
