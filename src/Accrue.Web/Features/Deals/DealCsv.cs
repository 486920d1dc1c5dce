using System.Globalization;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Engine.Money;
using Accrue.Web.Features.Partners;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using MoneyValue = Accrue.Engine.Money.Money;

namespace Accrue.Web.Features.Deals;

public sealed record DealImportResult(int Created, int Updated, int Unchanged);

/// <summary>
/// The CRM is the source of truth for opportunities: deals (with their history of won and lost
/// deals) and the vendor's own pipeline come in as CSV, all or nothing, matched on external ids.
/// The formats are in docs/deals.md.
/// </summary>
public sealed class DealCsv(AccrueDbFactory dbs, AuditTrail audit, TimeProvider clock)
{
    public static readonly string[] DealColumns =
    [
        "external_id", "partner_external_id", "customer_name", "customer_domain", "customer_country", "contact_name", "contact_email",
        "product_lines", "estimated_amount", "currency", "expected_close_on", "involvement", "status", "registered_on", "protected_until",
        "actual_amount", "closed_on", "lost_reason", "paid_on", "reversed_on",
    ];
    static readonly string[] RequiredDealColumns =
        ["external_id", "partner_external_id", "customer_name", "customer_country", "estimated_amount", "currency", "expected_close_on", "status"];
    public static readonly string[] PipelineColumns = ["external_id", "customer_name", "customer_domain", "owner", "created_on"];
    const int MaxRows = 200_000;

    sealed record DealRow(int Line, string ExternalId, string PartnerExternalId, Deal Values);

    public async Task<DealImportResult> ImportDealsAsync(Stream csv, CancellationToken ct)
    {
        RequireProgramAdmin();
        var problems = new ImportProblems();
        var rows = new List<DealRow>();
        CsvFiles.Read(csv, DealColumns, RequiredDealColumns, MaxRows, problems, row =>
        {
            if (ParseDeal(row) is { } deal) rows.Add(deal);
        });
        CsvFiles.RefuseDuplicates(rows, r => r.ExternalId, r => r.Line, "external_id", problems);

        await using var db = dbs.Create();
        var partnerIds = rows.Select(r => r.PartnerExternalId).Distinct().ToList();
        var partners = await db.Partners.Where(p => p.ExternalId != null && partnerIds.Contains(p.ExternalId))
            .ToDictionaryAsync(p => p.ExternalId!, p => p.Id, ct);
        // A deal registered in Accrue has no CRM id; export writes its Accrue id instead, which matches it here.
        var externalIds = rows.Select(r => r.ExternalId).ToList();
        var accrueIds = externalIds.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        var existing = await db.Deals.Where(d => (d.ExternalId != null && externalIds.Contains(d.ExternalId)) || accrueIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.ExternalId ?? d.Id.ToString(), ct);

        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!partners.TryGetValue(row.PartnerExternalId, out var partnerId))
            {
                problems.Add($"line {row.Line}, partner_external_id", $"No partner has the external id '{row.PartnerExternalId}'.");
                continue;
            }
            if (existing.TryGetValue(row.ExternalId, out var deal))
            {
                if (deal.PartnerId != partnerId)
                {
                    problems.Add($"line {row.Line}, partner_external_id", "A deal cannot move to another partner; register it anew.");
                    continue;
                }
                var before = DealRegistration.Snapshot(deal);
                CopyFields(row.Values, deal);
                if (!db.Entry(deal).Properties.Any(p => p.IsModified)) { unchanged++; continue; }
                deal.Revision = Guid.NewGuid();
                audit.Record(db, "DealImported", nameof(Deal), deal.Id, deal.PartnerId, before, DealRegistration.Snapshot(deal));
                updated++;
                continue;
            }
            var fresh = new Deal
            {
                PartnerId = partnerId, ExternalId = row.ExternalId, CustomerName = "", CustomerNameKey = "", CustomerNameBlock = "",
                CustomerCountry = "", Currency = "", CreatedAt = clock.GetUtcNow(), CreatedById = dbs.Actor.UserId,
            };
            CopyFields(row.Values, fresh);
            db.Deals.Add(fresh);
            audit.Record(db, "DealImported", nameof(Deal), fresh.Id, partnerId, after: DealRegistration.Snapshot(fresh));
            created++;
        }
        problems.ThrowIfAny();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DealImportResult(created, updated, unchanged);
    }

    static DealRow? ParseDeal(CsvRow row)
    {
        var externalId = row.Text("external_id", 100, required: true);
        var partner = row.Text("partner_external_id", 100, required: true);
        var name = row.Text("customer_name", 200, required: true);
        var domainText = row.Text("customer_domain", 253);
        var domain = WebDomains.Normalize(domainText);
        if (domainText is not null && domain is null) row.Problem("customer_domain", $"'{domainText}' is not a web domain such as acme.com.");
        var country = row.Text("customer_country", 2, required: true)?.ToUpperInvariant();
        if (country is not null && !CountryCodes.IsValid(country)) row.Problem("customer_country", $"'{country}' is not an ISO 3166 two-letter country code.");
        var contactName = row.Text("contact_name", 200);
        var contactEmail = row.Text("contact_email", 254)?.ToLowerInvariant();
        var products = row.Text("product_lines", 500);
        var amount = row.Amount("estimated_amount", required: true);
        var currency = row.Text("currency", 3, required: true)?.ToUpperInvariant();
        if (currency is not null && !Currency.TryOf(currency, out _)) row.Problem("currency", $"'{currency}' is not a currency code Accrue knows.");
        var expectedClose = row.Date("expected_close_on", required: true);
        var involvement = row.Choice<Involvement>("involvement") ?? Involvement.PartnerSourced;
        var status = row.Choice<DealStatus>("status", required: true);
        var registeredOn = row.Date("registered_on");
        var protectedUntil = row.Date("protected_until");
        var actual = row.Amount("actual_amount");
        var closedOn = row.Date("closed_on");
        var lostReason = row.Text("lost_reason", 1000);
        var paidOn = row.Date("paid_on");
        var reversedOn = row.Date("reversed_on");

        if (status is { } s && s != DealStatus.Draft && registeredOn is null) row.Problem("registered_on", $"A {s.ToString().ToLowerInvariant()} deal needs the date it was registered.");
        if (status == DealStatus.Won && (actual is null || closedOn is null)) row.Problem("actual_amount", "A won deal needs its actual_amount and closed_on.");
        if (status is DealStatus.Lost && closedOn is null) row.Problem("closed_on", "A lost deal needs the date it closed.");
        // Payment and reversal are what incentive rules read of a won deal (payment milestones, clawbacks).
        if (paidOn is not null && status != DealStatus.Won) row.Problem("paid_on", "Only a won deal is paid.");
        if (reversedOn is not null && status != DealStatus.Won) row.Problem("reversed_on", "Only a won deal can be cancelled or refunded.");
        if (reversedOn is not null && closedOn is not null && reversedOn < closedOn) row.Problem("reversed_on", "A deal cannot be reversed before it closed.");
        if (protectedUntil is not null && registeredOn is not null && protectedUntil <= registeredOn)
            row.Problem("protected_until", "Protection must end after the registration date.");
        if (!row.Ok) return null;

        var (key, block, _) = CustomerKeys.For(name!, null);
        var claims = status is DealStatus.Approved or DealStatus.Qualified or DealStatus.Proposal or DealStatus.Negotiation or DealStatus.Won or DealStatus.Lost or DealStatus.Expired;
        return new DealRow(row.Line, externalId!, partner!, new Deal
        {
            CustomerName = name!, CustomerNameKey = key, CustomerNameBlock = block, CustomerDomain = domain, CustomerCountry = country!,
            ContactName = contactName, ContactEmail = contactEmail,
            ProductLines = string.Join(';', (products ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            EstimatedAmountMinor = MoneyValue.FromDecimal(amount!.Value, currency!).AmountMinor, Currency = currency!,
            ExpectedCloseOn = expectedClose!.Value, Involvement = involvement, Status = status!.Value,
            RegisteredAt = registeredOn is { } r ? new DateTimeOffset(r.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            ProtectedFrom = claims && protectedUntil is not null ? registeredOn : null, ProtectedUntil = claims ? protectedUntil : null,
            ActualAmountMinor = actual is { } a ? MoneyValue.FromDecimal(a, currency!).AmountMinor : null, ClosedOn = closedOn,
            LostReason = lostReason, PaidOn = paidOn, ReversedOn = reversedOn,
            // The file has no stage dates: a deal at Qualified or later counts as qualified from its close or registration day.
            QualifiedOn = status is DealStatus.Qualified or DealStatus.Proposal or DealStatus.Negotiation or DealStatus.Won
                ? closedOn ?? registeredOn : null,
        });
    }

    static void CopyFields(Deal from, Deal to)
    {
        // The file has no stage dates: a deal that the file moves to Qualified or later takes the day the import derives;
        // one whose status stays keeps what Accrue recorded.
        if (to.Status != from.Status && to.QualifiedOn is null) to.QualifiedOn = from.QualifiedOn;
        (to.CustomerName, to.CustomerNameKey, to.CustomerNameBlock, to.CustomerDomain, to.CustomerCountry) =
            (from.CustomerName, from.CustomerNameKey, from.CustomerNameBlock, from.CustomerDomain, from.CustomerCountry);
        (to.ContactName, to.ContactEmail, to.ProductLines, to.EstimatedAmountMinor, to.Currency, to.ExpectedCloseOn, to.Involvement) =
            (from.ContactName, from.ContactEmail, from.ProductLines, from.EstimatedAmountMinor, from.Currency, from.ExpectedCloseOn, from.Involvement);
        // The file has the day of registration, not the time: on the same day the stored time stays, or a round trip would move
        // every registration to midnight and reorder first come, first served. Nor does the file say when protection began: a deal
        // protected already keeps its start while it is before the end.
        var registeredAt = from.RegisteredAt is { } day && to.RegisteredAt is { } at && at.UtcDateTime.Date == day.UtcDateTime.Date ? at : from.RegisteredAt;
        var protectedFrom = from.ProtectedFrom is not null && to.ProtectedFrom is { } start && from.ProtectedUntil is { } end && start < end
            ? start : from.ProtectedFrom;
        (to.Status, to.RegisteredAt, to.ProtectedFrom, to.ProtectedUntil, to.ActualAmountMinor, to.ClosedOn, to.LostReason) =
            (from.Status, registeredAt, protectedFrom, from.ProtectedUntil, from.ActualAmountMinor, from.ClosedOn, from.LostReason);
        (to.PaidOn, to.ReversedOn) = (from.PaidOn, from.ReversedOn);

    }

    public async Task<DealImportResult> ImportPipelineAsync(Stream csv, CancellationToken ct)
    {
        RequireProgramAdmin();
        var problems = new ImportProblems();
        var rows = new List<(int Line, PipelineOpportunity Values)>();
        CsvFiles.Read(csv, PipelineColumns, PipelineColumns.Except(["customer_domain"]).ToArray(), MaxRows, problems, row =>
        {
            var id = row.Text("external_id", 100, required: true);
            var name = row.Text("customer_name", 200, required: true);
            var domainText = row.Text("customer_domain", 253);
            var domain = WebDomains.Normalize(domainText);
            if (domainText is not null && domain is null) row.Problem("customer_domain", $"'{domainText}' is not a web domain such as acme.com.");
            var owner = row.Text("owner", 200, required: true);
            var createdOn = row.Date("created_on", required: true);
            if (!row.Ok) return;
            var (key, block, _) = CustomerKeys.For(name!, null);
            rows.Add((row.Line, new PipelineOpportunity
            {
                ExternalId = id!, CustomerName = name!, CustomerNameKey = key, CustomerNameBlock = block, CustomerDomain = domain,
                Owner = owner!, CreatedOn = createdOn!.Value,
            }));
        });
        CsvFiles.RefuseDuplicates(rows, r => r.Values.ExternalId, r => r.Line, "external_id", problems);
        problems.ThrowIfAny();

        await using var db = dbs.Create();
        var ids = rows.Select(r => r.Values.ExternalId).ToList();
        var existing = await db.PipelineOpportunities.Where(o => ids.Contains(o.ExternalId)).ToDictionaryAsync(o => o.ExternalId, ct);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (_, values) in rows)
        {
            if (!existing.TryGetValue(values.ExternalId, out var o)) { db.PipelineOpportunities.Add(values); created++; continue; }
            (o.CustomerName, o.CustomerNameKey, o.CustomerNameBlock, o.CustomerDomain, o.Owner, o.CreatedOn) =
                (values.CustomerName, values.CustomerNameKey, values.CustomerNameBlock, values.CustomerDomain, values.Owner, values.CreatedOn);
            if (db.Entry(o).Properties.Any(p => p.IsModified)) updated++; else unchanged++;
        }
        audit.Record(db, "PipelineImported", nameof(PipelineOpportunity), "pipeline", after: new { created, updated, unchanged });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DealImportResult(created, updated, unchanged);
    }

    /// <summary>The deals the caller may see, in the import format.</summary>
    public async Task ExportDealsAsync(Stream output, DealQuery query, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var rows = await DealViews.Filtered(db, query).OrderBy(d => d.RegisteredAt).ThenBy(d => d.Id)
            .Select(d => new { Deal = d, PartnerExternalId = d.Partner!.ExternalId }).ToListAsync(ct);
        static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string Amount(long minor, string currency) => new MoneyValue(minor, currency).ToDecimal().ToString(CultureInfo.InvariantCulture);
        await CsvFiles.WriteAsync(output, DealColumns, rows.Select(r => new[]
        {
            r.Deal.ExternalId ?? r.Deal.Id.ToString(), r.PartnerExternalId, r.Deal.CustomerName, r.Deal.CustomerDomain, r.Deal.CustomerCountry,
            r.Deal.ContactName, r.Deal.ContactEmail, r.Deal.ProductLines, Amount(r.Deal.EstimatedAmountMinor, r.Deal.Currency), r.Deal.Currency,
            Day(r.Deal.ExpectedCloseOn), r.Deal.Involvement.ToString().ToLowerInvariant(), r.Deal.Status.ToString().ToLowerInvariant(),
            Day(r.Deal.RegisteredAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null), Day(r.Deal.ProtectedUntil),
            r.Deal.ActualAmountMinor is { } actual ? Amount(actual, r.Deal.Currency) : null, Day(r.Deal.ClosedOn), r.Deal.LostReason,
            Day(r.Deal.PaidOn), Day(r.Deal.ReversedOn),
        }), ct);
    }

    void RequireProgramAdmin()
    {
        if (!dbs.Actor.IsIn(AccrueRoles.ProgramAdmin)) throw new ActionForbidden("Only program admins import from the CRM.");
    }
}
