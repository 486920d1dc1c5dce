using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Data.Audit;
using Accrue.Data.Partners;
using Accrue.Engine.Partners;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Partners;

/// <summary>Partners and their contacts: list, find, create, edit, move through the lifecycle.</summary>
/// <remarks>
/// Every query runs through a context made for the caller, so a partner user finds only its own
/// partner and a partner manager only the partners assigned to them; anything else is "not found".
/// </remarks>
public sealed class PartnerDirectory(AccrueDbFactory dbs, AuditTrail audit, TimeProvider clock)
{
    public async Task<Paged<PartnerSummary>> ListAsync(PartnerQuery query, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var partners = Filtered(db, query);
        var total = await partners.CountAsync(ct);
        var (page, size) = Paging.Clamp(query.Page, query.PageSize);
        var rows = await Sorted(partners, query.Sort, query.Descending).Skip(page * size).Take(size).ToListAsync(ct);
        var managers = await ManagersOf(db, rows, ct);
        return new Paged<PartnerSummary>(rows.Select(p => new PartnerSummary(
            p.Id, p.ExternalId, p.Name, p.Type, p.Region, p.Country, p.Vertical, p.Status, p.JoinedOn, p.ManagerId,
            managers.GetValueOrDefault(p.ManagerId ?? Guid.Empty)?.DisplayName)).ToList(), total);
    }

    /// <summary>
    /// The managers of partners the caller has already loaded (so can see), past the user filter: a
    /// partner may see its manager's name and e-mail, though not the manager's account.
    /// </summary>
    /// <remarks>
    /// A query of its own on purpose: IgnoreQueryFilters switches filters off for the WHOLE query it
    /// is part of, so composed into the partner query it would lift the partner filter too.
    /// </remarks>
    internal static async Task<Dictionary<Guid, ManagerOption>> ManagersOf(AccrueDb db, IEnumerable<Partner> visible, CancellationToken ct)
    {
        var ids = visible.Where(p => p.ManagerId is not null).Select(p => p.ManagerId!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Users.IgnoreQueryFilters().Where(u => ids.Contains(u.Id) && u.PartnerId == null)
            .Select(u => new ManagerOption(u.Id, u.DisplayName, u.Email!)).ToDictionaryAsync(m => m.Id, ct);
    }

    internal static IQueryable<Partner> Filtered(AccrueDb db, PartnerQuery query)
    {
        var partners = db.Partners.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            partners = partners.Where(p => p.Name.ToLower().Contains(term)
                                           || (p.ExternalId != null && p.ExternalId.ToLower().Contains(term))
                                           || (p.Vertical != null && p.Vertical.ToLower().Contains(term)));
        }
        if (query.Type is { } type) partners = partners.Where(p => p.Type == type);
        if (query.Region is { } region) partners = partners.Where(p => p.Region == region);
        if (query.Status is { } status) partners = partners.Where(p => p.Status == status);
        if (query.ManagerId is { } manager) partners = partners.Where(p => p.ManagerId == manager);
        return partners;
    }

    static IQueryable<Partner> Sorted(IQueryable<Partner> partners, string? sort, bool descending)
    {
        // Each sort ends on the id, so that paging is stable when the sort key repeats.
        IOrderedQueryable<Partner> ordered = (sort?.ToLowerInvariant(), descending) switch
        {
            ("joinedon", false) => partners.OrderBy(p => p.JoinedOn),
            ("joinedon", true) => partners.OrderByDescending(p => p.JoinedOn),
            ("status", false) => partners.OrderBy(p => p.Status),
            ("status", true) => partners.OrderByDescending(p => p.Status),
            ("type", false) => partners.OrderBy(p => p.Type),
            ("type", true) => partners.OrderByDescending(p => p.Type),
            ("region", false) => partners.OrderBy(p => p.Region),
            ("region", true) => partners.OrderByDescending(p => p.Region),
            ("country", false) => partners.OrderBy(p => p.Country),
            ("country", true) => partners.OrderByDescending(p => p.Country),
            (_, true) => partners.OrderByDescending(p => p.Name),
            _ => partners.OrderBy(p => p.Name),
        };
        return ordered.ThenBy(p => p.Id);
    }

    public async Task<PartnerOverview> OverviewAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var counts = await db.Partners.GroupBy(p => new { p.Status, p.Type, p.Region })
            .Select(g => new { g.Key.Status, g.Key.Type, g.Key.Region, Count = g.Count() }).ToListAsync(ct);
        return new PartnerOverview(
            counts.Sum(c => c.Count),
            Enum.GetValues<PartnerStatus>().Select(s => (s.ToString(), counts.Where(c => c.Status == s).Sum(c => c.Count))).ToList(),
            Enum.GetValues<PartnerType>().Select(t => (Labels.Of(t), counts.Where(c => c.Type == t).Sum(c => c.Count))).ToList(),
            Enum.GetValues<Region>().Select(r => (Labels.Of(r), counts.Where(c => c.Region == r).Sum(c => c.Count))).ToList());
    }

    public async Task<PartnerDetail?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (partner is null) return null;
        var managers = await ManagersOf(db, [partner], ct);
        return PartnerDetail.From(partner, managers.GetValueOrDefault(partner.ManagerId ?? Guid.Empty)?.DisplayName,
                                  await db.Contacts.CountAsync(c => c.PartnerId == id, ct));
    }

    public async Task<PartnerDetail> CreateAsync(SavePartnerRequest request, CancellationToken ct)
    {
        SavePartnerRequest.Validator.ThrowIfInvalid(request);
        await using var db = dbs.Create();
        var managerId = await ManagerFor(db, request.ManagerId, ct);
        await EnsureExternalIdFree(db, request.ExternalId, except: null, ct);
        var partner = new Partner
        {
            Name = request.Name.Trim(), Country = request.Country, CreatedAt = clock.GetUtcNow(),
            JoinedOn = request.JoinedOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
        };
        Apply(request, partner, managerId);
        db.Partners.Add(partner);
        audit.Record(db, "PartnerCreated", nameof(Partner), partner.Id, partner.Id, after: Snapshot(partner));
        await db.SaveChangesAsync(ct);
        return (await FindAsync(partner.Id, ct))!;
    }

    public async Task<PartnerDetail> UpdateAsync(Guid id, SavePartnerRequest request, CancellationToken ct)
    {
        SavePartnerRequest.Validator.ThrowIfInvalid(request);
        if (request.Revision is null) throw InvalidRequest.For("revision", "Send the revision you read, so that nobody's changes are overwritten.");
        await using var db = dbs.Create();
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new RecordNotFound("The partner");
        if (partner.Revision != request.Revision)
            throw new StateConflict("Someone changed this partner since you opened it. Reload it and make your change again.");
        var managerId = await ManagerFor(db, request.ManagerId, ct);
        await EnsureExternalIdFree(db, request.ExternalId, except: id, ct);
        var before = Snapshot(partner);
        Apply(request, partner, managerId);
        partner.JoinedOn = request.JoinedOn ?? partner.JoinedOn;
        partner.Revision = Guid.NewGuid();
        audit.Record(db, "PartnerUpdated", nameof(Partner), partner.Id, partner.Id, before, Snapshot(partner));
        await SaveAsync(db, ct);
        return (await FindAsync(id, ct))!;
    }

    public async Task<PartnerDetail> ChangeStatusAsync(Guid id, ChangeStatusRequest request, CancellationToken ct)
    {
        if (!Enum.IsDefined(request.Status)) throw InvalidRequest.For("status", "Choose a status.");
        if (PartnerLifecycle.NeedsReason(request.Status) && string.IsNullOrWhiteSpace(request.Reason))
            throw InvalidRequest.For("reason", $"Moving a partner to {request.Status} needs a reason.");
        await using var db = dbs.Create();
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new RecordNotFound("The partner");
        var from = partner.Status;
        var change = partner.MoveTo(request.Status, request.Reason);
        if (!change.IsAllowed) throw new StateConflict(change.Refusal!);
        partner.Revision = Guid.NewGuid();
        audit.Record(db, "PartnerStatusChanged", nameof(Partner), partner.Id, partner.Id,
                     new { Status = from }, new { partner.Status }, request.Reason);
        await SaveAsync(db, ct);
        return (await FindAsync(id, ct))!;
    }

    public async Task<IReadOnlyList<ContactSummary>> ContactsAsync(Guid partnerId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct)) throw new RecordNotFound("The partner");
        return await db.Contacts.AsNoTracking().Where(c => c.PartnerId == partnerId)
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Select(c => ContactSummary.From(c)).ToListAsync(ct);
    }

    public async Task<ContactSummary?> FindContactAsync(Guid contactId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, ct);
        return contact is null ? null : ContactSummary.From(contact);
    }

    /// <summary>Adds a person to a partner: staff who manage it, or the partner's own admins.</summary>
    public async Task<ContactSummary> AddContactAsync(Guid partnerId, AddContactRequest request, CancellationToken ct)
    {
        AddContactRequest.Validator.ThrowIfInvalid(request);
        await using var db = dbs.Create();
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct)) throw new RecordNotFound("The partner");
        var actor = dbs.Actor;
        if (!actor.IsIn(AccrueRoles.ProgramAdmin) && !actor.IsIn(AccrueRoles.PartnerManager) && !actor.IsIn(AccrueRoles.PartnerAdmin))
            throw new ActionForbidden("Only program admins, partner managers and partner admins add contacts.");
        var email = request.Email.Trim();
        if (await db.Contacts.AnyAsync(c => c.PartnerId == partnerId && c.Email == email, ct))
            throw InvalidRequest.For("email", $"{email} is already a contact of this partner.");
        var contact = new Contact
        {
            PartnerId = partnerId, FirstName = request.FirstName.Trim(), LastName = request.LastName.Trim(), Email = email,
            JobTitle = request.JobTitle?.Trim(), Phone = request.Phone?.Trim(), CreatedAt = clock.GetUtcNow(),
        };
        db.Contacts.Add(contact);
        audit.Record(db, "ContactAdded", nameof(Contact), contact.Id, partnerId, after: ContactSummary.From(contact));
        await db.SaveChangesAsync(ct);
        return ContactSummary.From(contact);
    }

    /// <summary>The partner managers a partner can be assigned to, as the caller may see them.</summary>
    public async Task<IReadOnlyList<ManagerOption>> ManagersAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await db.UsersInRole(AccrueRoles.PartnerManager).OrderBy(u => u.DisplayName)
            .Select(u => new ManagerOption(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
    }

    /// <summary>A partner manager who creates a partner manages it; only admins assign someone else.</summary>
    async Task<Guid?> ManagerFor(AccrueDb db, Guid? requested, CancellationToken ct)
    {
        var actor = dbs.Actor;
        if (!actor.IsIn(AccrueRoles.ProgramAdmin))
        {
            if (!actor.IsIn(AccrueRoles.PartnerManager)) throw new ActionForbidden("Only program admins and partner managers edit partners.");
            if (requested is not null && requested != actor.UserId)
                throw InvalidRequest.For("managerId", "Only a program admin assigns a partner to another manager.");
            return actor.UserId;
        }
        if (requested is null) return null;
        var isManager = await db.UsersInRole(AccrueRoles.PartnerManager).AnyAsync(u => u.Id == requested, ct);
        return isManager ? requested : throw InvalidRequest.For("managerId", "The manager must be a user with the PartnerManager role.");
    }

    static async Task EnsureExternalIdFree(AccrueDb db, string? externalId, Guid? except, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(externalId)) return;
        // Uniqueness spans all partners, not only the caller's: checked as the system would see it.
        var taken = await db.Partners.IgnoreQueryFilters().AnyAsync(p => p.ExternalId == externalId.Trim() && p.Id != except, ct);
        if (taken) throw InvalidRequest.For("externalId", $"Another partner already has the external id '{externalId.Trim()}'.");
    }

    static void Apply(SavePartnerRequest request, Partner partner, Guid? managerId)
    {
        partner.Name = request.Name.Trim();
        partner.Type = request.Type;
        partner.Region = request.Region;
        partner.Country = request.Country;
        partner.ExternalId = string.IsNullOrWhiteSpace(request.ExternalId) ? null : request.ExternalId.Trim();
        partner.Vertical = string.IsNullOrWhiteSpace(request.Vertical) ? null : request.Vertical.Trim();
        partner.Website = string.IsNullOrWhiteSpace(request.Website) ? null : request.Website.Trim();
        partner.ManagerId = managerId;
    }

    internal static object Snapshot(Partner p) =>
        new { p.ExternalId, p.Name, p.Type, p.Region, p.Country, p.Vertical, p.Website, p.Status, p.JoinedOn, p.ManagerId };

    static async Task SaveAsync(AccrueDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StateConflict("Someone changed this partner at the same moment. Reload it and make your change again.");
        }
    }
}
