using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Ledger;
using Accrue.Engine.Ledger;
using Accrue.Engine.Money;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Payouts;

/// <summary>A partner disputes a statement line with a reason and, optionally, a file.</summary>
/// <param name="AttachmentBase64">The file's content, base64; at most 2 MB; PDF, PNG, JPEG, CSV or text.</param>
public sealed record DisputeRequest(Guid TransactionId, string? Reason, string? AttachmentName = null, string? AttachmentBase64 = null);

/// <summary>Takes a dispute on: its owner is the caller unless another staff member is named.</summary>
public sealed record AssignDisputeRequest(string? Owner);

/// <summary>Resolves a dispute: upheld (optionally with an adjustment in the statement's currency) or rejected, with the resolution in words.</summary>
public sealed record ResolveDisputeRequest(bool Upheld, string? Resolution, decimal? Adjustment);

public sealed record DisputeView(
    Guid Id, Guid StatementId, Guid TransactionId, Guid PartnerId, string PartnerName, string Period, string RuleId, long LineAmountMinor, string Currency,
    string Reason, string? AttachmentName, DisputeStatus Status, string? Owner, string? Resolution, long? AdjustmentMinor,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt);

/// <summary>
/// Disputes: Open → In review (an owner takes it) → Upheld (with an optional adjustment, posted to the
/// ledger and stated with the period's next statement) or Rejected; every step audited; the partner sees
/// its disputes' progress. An upheld dispute's adjustment stands apart from what calculations post, so a
/// later recalculation does not take it back.
/// </summary>
public sealed class PayoutDisputes(AccrueDbFactory dbs, AuditTrail audit, TimeProvider clock)
{
    const int MaxAttachmentBytes = 2 * 1024 * 1024;
    static readonly string[] AttachmentTypes = [".pdf", ".png", ".jpg", ".jpeg", ".csv", ".txt"];

    public async Task<DisputeView> OpenAsync(Guid statementId, DisputeRequest request, CancellationToken ct)
    {
        await using var db = dbs.Create();
        if (db.Actor.ActsForPartner is null) throw new ActionForbidden("A dispute is opened by the partner whose statement it is.");
        var statement = await db.PayoutStatements.AsNoTracking().SingleOrDefaultAsync(s => s.Id == statementId, ct) ?? throw new RecordNotFound("The statement");
        if (!await db.StatementItems.AnyAsync(i => i.StatementId == statementId && i.TransactionId == request.TransactionId, ct))
            throw InvalidRequest.For("transactionId", "That line is not on this statement.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 10)
            errors["reason"] = ["Say what is wrong with the line, in a sentence or more (at least 10 characters)."];
        else if (request.Reason.Length > 4000) errors["reason"] = ["At most 4,000 characters."];
        byte[]? attachment = null;
        if (request.AttachmentBase64 is { Length: > 0 } content)
        {
            var name = request.AttachmentName?.Trim();
            if (string.IsNullOrEmpty(name) || !AttachmentTypes.Contains(Path.GetExtension(name).ToLowerInvariant()))
                errors["attachmentName"] = [$"Attach a file named .pdf, .png, .jpg, .csv or .txt; '{name}' is not one."];
            try
            {
                attachment = Convert.FromBase64String(content);
                if (attachment.Length > MaxAttachmentBytes) errors["attachmentBase64"] = ["The file is larger than 2 MB."];
            }
            catch (FormatException)
            {
                errors["attachmentBase64"] = ["The file's content is not base64."];
            }
        }
        if (errors.Count > 0) throw new InvalidRequest(errors);
        if (await db.StatementDisputes.AnyAsync(d => d.TransactionId == request.TransactionId && (d.Status == DisputeStatus.Open || d.Status == DisputeStatus.InReview), ct))
            throw new StateConflict("This line is already disputed and the dispute is still open.");

        var now = clock.GetUtcNow();
        var dispute = new StatementDispute
        {
            StatementId = statementId, TransactionId = request.TransactionId, PartnerId = statement.PartnerId, Reason = request.Reason!.Trim(),
            AttachmentName = attachment is null ? null : Path.GetFileName(request.AttachmentName!.Trim()), Attachment = attachment,
            CreatedAt = now, CreatedBy = db.Actor.Name, UpdatedAt = now,
        };
        db.StatementDisputes.Add(dispute);
        audit.Record(db, "DisputeOpened", nameof(StatementDispute), dispute.Id, statement.PartnerId, after: new { statementId, request.TransactionId, dispute.Reason });
        await db.SaveChangesAsync(ct);
        return (await FindAsync(dispute.Id, ct))!;
    }

    public async Task<IReadOnlyList<DisputeView>> ListAsync(DisputeStatus? status, Guid? statementId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var disputes = db.StatementDisputes.AsNoTracking();
        if (status is { } s) disputes = disputes.Where(d => d.Status == s);
        if (statementId is { } id) disputes = disputes.Where(d => d.StatementId == id);
        var ids = await disputes.OrderBy(d => d.CreatedAt).Select(d => d.Id).Take(500).ToListAsync(ct);
        return await ViewsAsync(db, ids, ct);
    }

    public async Task<DisputeView?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return (await ViewsAsync(db, [id], ct)).SingleOrDefault();
    }

    public async Task<(string Name, byte[] Content)?> AttachmentAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var row = await db.StatementDisputes.AsNoTracking().Where(d => d.Id == id && d.Attachment != null).Select(d => new { d.AttachmentName, d.Attachment }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.AttachmentName!, row.Attachment!);
    }

    public async Task<DisputeView> AssignAsync(Guid id, AssignDisputeRequest request, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var dispute = await db.StatementDisputes.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new RecordNotFound("The dispute");
        if (dispute.Status is DisputeStatus.Upheld or DisputeStatus.Rejected) throw new StateConflict($"The dispute is {dispute.Status.ToString().ToLowerInvariant()}; it has no owner to change.");
        var owner = string.IsNullOrWhiteSpace(request.Owner) ? db.Actor.Name : request.Owner.Trim();
        var before = new { dispute.Status, dispute.Owner };
        (dispute.Status, dispute.Owner, dispute.UpdatedAt, dispute.Revision) = (DisputeStatus.InReview, owner, clock.GetUtcNow(), Guid.NewGuid());
        audit.Record(db, "DisputeAssigned", nameof(StatementDispute), id, dispute.PartnerId, before, new { dispute.Status, dispute.Owner });
        await Save(db, ct);
        return (await FindAsync(id, ct))!;
    }

    public async Task<DisputeView> ResolveAsync(Guid id, ResolveDisputeRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Resolution)) throw InvalidRequest.For("resolution", "Say how the dispute was resolved: the partner reads it.");
        await using var db = dbs.Create();
        var dispute = await db.StatementDisputes.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new RecordNotFound("The dispute");
        if (dispute.Status is DisputeStatus.Upheld or DisputeStatus.Rejected) throw new StateConflict($"The dispute is already {dispute.Status.ToString().ToLowerInvariant()}.");
        var line = await db.LedgerTransactions.AsNoTracking().SingleAsync(t => t.Id == dispute.TransactionId, ct);
        var currency = Currency.Of(line.Currency);
        long? adjustment = null;
        if (request.Adjustment is { } amount && amount != 0)
        {
            if (!request.Upheld) throw InvalidRequest.For("adjustment", "Only an upheld dispute adjusts the amount.");
            if (amount * currency.MinorPerMajor % 1 != 0) throw InvalidRequest.For("adjustment", $"{amount} has more decimals than {currency.Code}'s {currency.MinorDigits}.");
            adjustment = (long)(amount * currency.MinorPerMajor);
        }
        var now = clock.GetUtcNow();
        var before = new { dispute.Status };
        (dispute.Status, dispute.Resolution, dispute.AdjustmentMinor, dispute.UpdatedAt, dispute.Revision) =
            (request.Upheld ? DisputeStatus.Upheld : DisputeStatus.Rejected, request.Resolution.Trim(), adjustment, now, Guid.NewGuid());
        dispute.Owner ??= db.Actor.Name;
        if (adjustment is { } minor)
        {
            var posted = new LedgerTransaction(Guid.CreateVersion7(), $"dispute|{dispute.Id:N}", TransactionKind.Adjustment,
                new TransactionSubject(line.Period, line.PartnerId, line.RuleId, line.ProgramVersion), $"Dispute upheld: {request.Resolution.Trim()}",
                [new LedgerEntry(Account.IncentiveExpense, null, line.Currency, minor), new LedgerEntry(Account.AccruedIncentives, line.PartnerId, line.Currency, -minor)]);
            var record = LedgerPostings.Record(posted, now, db.Actor.Name, [], dispute.Id);
            db.LedgerTransactions.Add(record);
            dispute.AdjustmentTransactionId = record.Id;
        }
        audit.Record(db, request.Upheld ? "DisputeUpheld" : "DisputeRejected", nameof(StatementDispute), id, dispute.PartnerId, before,
                     new { dispute.Status, dispute.Resolution, dispute.AdjustmentMinor });
        await Save(db, ct);
        return (await FindAsync(id, ct))!;
    }

    static async Task Save(AccrueDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new StateConflict("Someone else changed the dispute at the same time; reload it and try again.");
        }
    }

    static async Task<IReadOnlyList<DisputeView>> ViewsAsync(AccrueDb db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var rows = await db.StatementDisputes.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Join(db.LedgerTransactions, d => d.TransactionId, t => t.Id, (d, t) => new
            {
                d.Id, d.StatementId, d.TransactionId, d.PartnerId, PartnerName = d.Partner!.Name, t.Period, t.RuleId, t.PartnerAmountMinor, t.Currency,
                d.Reason, d.AttachmentName, d.Status, d.Owner, d.Resolution, d.AdjustmentMinor, d.CreatedAt, d.CreatedBy, d.UpdatedAt,
            }).ToListAsync(ct);
        return rows.OrderBy(r => r.CreatedAt).Select(r => new DisputeView(r.Id, r.StatementId, r.TransactionId, r.PartnerId, r.PartnerName, r.Period, r.RuleId ?? "",
            r.PartnerAmountMinor, r.Currency, r.Reason, r.AttachmentName, r.Status, r.Owner, r.Resolution, r.AdjustmentMinor, r.CreatedAt, r.CreatedBy, r.UpdatedAt)).ToList();
    }
}
