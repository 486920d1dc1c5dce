using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Data.Audit;
using Accrue.Data.Partners;
using Accrue.Engine.Partners;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Partners;

public sealed record PartnerImportResult(int Created, int Updated, int Unchanged);

/// <summary>Imports partners from CSV: all or nothing, idempotent by external id.</summary>
/// <remarks>
/// The file is read and checked in full before anything is written; then every row is applied in
/// one transaction, so a failure half-way leaves the database as it was. Importing the same file
/// twice changes nothing the second time.
/// </remarks>
public sealed class PartnerImport(AccrueDbFactory dbs, AuditTrail audit, TimeProvider clock)
{
    public async Task<PartnerImportResult> ImportAsync(Stream csv, CancellationToken ct)
    {
        if (!dbs.Actor.IsIn(AccrueRoles.ProgramAdmin)) throw new ActionForbidden("Only program admins import partners.");
        var problems = new ImportProblems();
        var rows = PartnerCsv.Read(csv, problems);

        await using var db = dbs.Create();
        var managers = await ManagersByEmail(db, ct);
        var externalIds = rows.Select(r => r.ExternalId).ToList();
        var existing = await db.Partners.Where(p => p.ExternalId != null && externalIds.Contains(p.ExternalId))
            .ToDictionaryAsync(p => p.ExternalId!, ct);

        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            Guid? managerId = null;
            if (row.ManagerEmail is { } email && !managers.TryGetValue(email, out var found))
            {
                problems.Add($"line {row.Line}, manager_email", $"'{email}' is not a partner manager in Accrue.");
                continue;
            }
            else if (row.ManagerEmail is { } known) managerId = managers[known];

            if (!existing.TryGetValue(row.ExternalId, out var partner))
            {
                partner = new Partner { Name = row.Name, Country = row.Country, CreatedAt = clock.GetUtcNow(), ExternalId = row.ExternalId };
                partner.StartAs(row.Status);
                Apply(row, partner, managerId);
                db.Partners.Add(partner);
                audit.Record(db, "PartnerImported", nameof(Partner), partner.Id, partner.Id, after: PartnerDirectory.Snapshot(partner));
                created++;
                continue;
            }

            var before = PartnerDirectory.Snapshot(partner);
            if (row.Status != partner.Status && partner.MoveTo(row.Status, "Set by CSV import") is { IsAllowed: false } refused)
            {
                problems.Add($"line {row.Line}, status", refused.Refusal!);
                continue;
            }
            Apply(row, partner, managerId);
            if (db.Entry(partner).State == EntityState.Unchanged && !db.Entry(partner).Properties.Any(p => p.IsModified))
            {
                unchanged++;
                continue;
            }
            partner.Revision = Guid.NewGuid();
            audit.Record(db, "PartnerImported", nameof(Partner), partner.Id, partner.Id, before, PartnerDirectory.Snapshot(partner));
            updated++;
        }
        // Every problem of the file at once, those of the format and those against the database.
        problems.ThrowIfAny();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PartnerImportResult(created, updated, unchanged);
    }

    /// <summary>The partners the caller may see, as CSV rows, in name order.</summary>
    public async Task<IReadOnlyList<PartnerRow>> ExportAsync(PartnerQuery query, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var partners = await PartnerDirectory.Filtered(db, query).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        var managers = await PartnerDirectory.ManagersOf(db, partners, ct);
        return partners.Select(p => new PartnerRow(0, p.ExternalId ?? "", p.Name, p.Type, p.Region, p.Country, p.Vertical, p.Website,
                                                   p.Status, p.JoinedOn, managers.GetValueOrDefault(p.ManagerId ?? Guid.Empty)?.Email))
            .ToList();
    }

    void Apply(PartnerRow row, Partner partner, Guid? managerId)
    {
        partner.Name = row.Name;
        partner.Type = row.Type;
        partner.Region = row.Region;
        partner.Country = row.Country;
        partner.Vertical = row.Vertical;
        partner.Website = row.Website;
        if (row.JoinedOn is { } joined) partner.JoinedOn = joined;
        else if (partner.JoinedOn == default) partner.JoinedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        partner.ManagerId = managerId;
    }

    static async Task<Dictionary<string, Guid>> ManagersByEmail(AccrueDb db, CancellationToken ct) =>
        await db.UsersInRole(AccrueRoles.PartnerManager)
            .ToDictionaryAsync(u => u.Email!, u => u.Id, StringComparer.OrdinalIgnoreCase, ct);
}
