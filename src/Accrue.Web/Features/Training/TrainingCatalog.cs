using System.Globalization;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Training;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Training;

/// <summary>What there is to learn: modules, learning paths, certifications and live sessions. Everyone reads it; program admins edit it.</summary>
public sealed class TrainingCatalog(AccrueDbFactory dbs, AuditTrail audit, TimeProvider clock)
{
    public async Task<Paged<ModuleView>> ModulesAsync(string? search, int page, int pageSize, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var modules = db.TrainingModules.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            modules = modules.Where(m => m.Title.ToLower().Contains(term) || m.Code.ToLower().Contains(term) || m.Product.ToLower().Contains(term));
        }
        var total = await modules.CountAsync(ct);
        var rows = await modules.OrderBy(m => m.Product).ThenBy(m => m.Level).ThenBy(m => m.Title).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<ModuleView>(rows.Select(View).ToList(), total);
    }

    public async Task<ModuleView> SaveModuleAsync(Guid? id, SaveModuleRequest request, CancellationToken ct)
    {
        RequireAdmin();
        SaveModuleRequest.Validator.ThrowIfInvalid(request);
        await using var db = dbs.Create();
        if (await db.TrainingModules.AnyAsync(m => m.Code == request.Code && m.Id != id, ct))
            throw InvalidRequest.For("code", $"Another module has the code '{request.Code}'.");
        var module = id is { } existing
            ? await db.TrainingModules.SingleOrDefaultAsync(m => m.Id == existing, ct) ?? throw new RecordNotFound("The module")
            : db.TrainingModules.Add(new TrainingModule { Code = request.Code, Title = request.Title, Product = request.Product }).Entity;
        var before = id is null ? null : View(module);
        (module.Code, module.Title, module.Product, module.Level, module.BuyerStage, module.Format, module.DurationMinutes, module.Link) =
            (request.Code, request.Title.Trim(), request.Product.Trim(), request.Level, request.BuyerStage, request.Format, request.DurationMinutes, request.Link);
        audit.Record(db, id is null ? "ModuleCreated" : "ModuleUpdated", nameof(TrainingModule), module.Id, before: before, after: View(module));
        await db.SaveChangesAsync(ct);
        return View(module);
    }

    public async Task<IReadOnlyList<CertificationView>> CertificationsAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var titles = await db.TrainingModules.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        var certifications = await db.Certifications.AsNoTracking().Include(c => c.Requirements).OrderBy(c => c.Track).ThenBy(c => c.Name).ToListAsync(ct);
        return certifications.Select(c => new CertificationView(c.Id, c.Code, c.Name, c.Track, c.Requirements.Select(r => titles[r.ModuleId]).ToList(),
            c.ExamModuleId is { } e ? titles[e] : null, c.PassingScore, c.ValidMonths, c.RefresherModuleId is { } r ? titles[r] : null)).ToList();
    }

    public async Task<Guid> SaveCertificationAsync(SaveCertificationRequest request, CancellationToken ct)
    {
        RequireAdmin();
        SaveCertificationRequest.Validator.ThrowIfInvalid(request);
        await using var db = dbs.Create();
        var named = request.RequiredModuleIds.Concat(request.RefresherModuleId is { } refresher ? [refresher] : []).Distinct().ToList();
        if (await db.TrainingModules.CountAsync(m => named.Contains(m.Id), ct) != named.Count)
            throw InvalidRequest.For("requiredModuleIds", "Every module must exist in the catalog.");
        var certification = await db.Certifications.Include(c => c.Requirements).SingleOrDefaultAsync(c => c.Code == request.Code, ct);
        var before = certification is null ? null : new { certification.Name, certification.ValidMonths };
        certification ??= db.Certifications.Add(new Certification { Code = request.Code, Name = request.Name }).Entity;
        (certification.Name, certification.Track, certification.ExamModuleId, certification.PassingScore, certification.ValidMonths, certification.RefresherModuleId) =
            (request.Name.Trim(), request.Track, request.ExamModuleId, request.PassingScore, request.ValidMonths, request.RefresherModuleId);
        certification.Requirements.Clear();
        certification.Requirements.AddRange(request.RequiredModuleIds.Distinct().Select(m => new CertificationRequirement { CertificationId = certification.Id, ModuleId = m }));
        audit.Record(db, before is null ? "CertificationDefined" : "CertificationRedefined", nameof(Certification), certification.Id, before: before,
                     after: new { certification.Name, certification.Track, certification.ValidMonths, Modules = request.RequiredModuleIds.Count });
        await db.SaveChangesAsync(ct);
        return certification.Id;
    }

    public async Task<IReadOnlyList<PathView>> PathsAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var paths = await db.LearningPaths.AsNoTracking().Include(p => p.Steps).ThenInclude(s => s.Module).OrderBy(p => p.Name).ToListAsync(ct);
        return paths.Select(p =>
        {
            var steps = p.Steps.OrderBy(s => s.Position).ToList();
            return new PathView(p.Id, p.Name, p.Description, steps.Select(s => s.Module!.Title).ToList(), steps.Select(s => s.ModuleId).ToList());
        }).ToList();
    }

    /// <summary>Defines a learning path (id null) or redefines one: its name, description and modules in order.</summary>
    public async Task<Guid> SaveLearningPathAsync(Guid? id, SaveLearningPathRequest request, CancellationToken ct)
    {
        RequireAdmin();
        SaveLearningPathRequest.Validator.ThrowIfInvalid(request);
        await using var db = dbs.Create();
        var name = request.Name.Trim();
        if (await db.LearningPaths.AnyAsync(p => p.Name == name && p.Id != id, ct))
            throw InvalidRequest.For("name", $"Another learning path is named '{name}'.");
        if (await db.TrainingModules.CountAsync(m => request.ModuleIds.Contains(m.Id), ct) != request.ModuleIds.Count)
            throw InvalidRequest.For("moduleIds", "Every module must exist in the catalog.");
        var path = id is { } existing
            ? await db.LearningPaths.Include(p => p.Steps).SingleOrDefaultAsync(p => p.Id == existing, ct) ?? throw new RecordNotFound("The learning path")
            : db.LearningPaths.Add(new LearningPath { Name = name }).Entity;
        var before = id is null ? null : new { path.Name, path.Description, Modules = path.Steps.OrderBy(s => s.Position).Select(s => s.ModuleId).ToList() };
        (path.Name, path.Description) = (name, string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim());
        // New steps replace the old (EF Core deletes before it inserts, so positions stay unique). The new ones are added
        // explicitly: their ids are set already, and change detection would take them for existing rows to update.
        var steps = request.ModuleIds.Select((module, i) => new LearningPathStep { PathId = path.Id, ModuleId = module, Position = i + 1 }).ToList();
        db.RemoveRange(path.Steps);
        path.Steps.Clear();
        path.Steps.AddRange(steps);
        db.AddRange(steps);
        audit.Record(db, id is null ? "LearningPathDefined" : "LearningPathRedefined", nameof(LearningPath), path.Id, before: before,
                     after: new { path.Name, path.Description, Modules = request.ModuleIds });
        await db.SaveChangesAsync(ct);
        return path.Id;
    }

    /// <summary>Live sessions from today on, soonest first, with the local start time in the session's own time zone.</summary>
    public async Task<IReadOnlyList<LiveSessionView>> UpcomingSessionsAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var now = clock.GetUtcNow();
        var sessions = await db.LiveSessions.AsNoTracking().Where(s => s.StartsAt >= now.AddHours(-2))
            .Select(s => new { Session = s, Module = s.Module!.Title, Taken = s.Seats.Count }).ToListAsync(ct);
        return sessions.OrderBy(s => s.Session.StartsAt).Select(s => new LiveSessionView(s.Session.Id, s.Module, s.Session.StartsAt, s.Session.TimeZone,
            LocalStart(s.Session.StartsAt, s.Session.TimeZone), s.Session.DurationMinutes, s.Session.Capacity, s.Taken, s.Session.Location)).ToList();
    }

    public async Task<Guid> ScheduleSessionAsync(SaveLiveSessionRequest request, CancellationToken ct)
    {
        RequireAdmin();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _)) throw InvalidRequest.For("timeZone", $"'{request.TimeZone}' is not a time zone such as Europe/Berlin.");
        if (request.Capacity is < 1 or > 10_000) throw InvalidRequest.For("capacity", "Capacity is between 1 and 10,000 seats.");
        if (request.DurationMinutes is < 15 or > 60 * 12) throw InvalidRequest.For("durationMinutes", "A session lasts between 15 minutes and 12 hours.");
        if (request.StartsAt <= clock.GetUtcNow()) throw InvalidRequest.For("startsAt", "Schedule the session in the future.");
        await using var db = dbs.Create();
        var module = await db.TrainingModules.SingleOrDefaultAsync(m => m.Id == request.ModuleId, ct) ?? throw InvalidRequest.For("moduleId", "No such module.");
        var session = new LiveSession
        {
            ModuleId = module.Id, StartsAt = request.StartsAt.ToUniversalTime(), TimeZone = request.TimeZone, DurationMinutes = request.DurationMinutes,
            Capacity = request.Capacity, Location = request.Location,
        };
        db.LiveSessions.Add(session);
        audit.Record(db, "LiveSessionScheduled", nameof(LiveSession), session.Id, after: new { module.Code, session.StartsAt, session.TimeZone, session.Capacity });
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Takes a seat for a person (of a partner the caller may act for) if one is free.</summary>
    public async Task RegisterSeatAsync(Guid sessionId, Guid personId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var person = await db.Contacts.SingleOrDefaultAsync(c => c.Id == personId, ct) ?? throw new RecordNotFound("The person");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await db.LiveSessions.Include(s => s.Seats).SingleOrDefaultAsync(s => s.Id == sessionId, ct) ?? throw new RecordNotFound("The session");
        if (session.Seats.Any(s => s.PersonId == personId)) return;
        // Seats of other partners' people are filtered out of Include: count them all.
        var taken = await db.LiveSessionSeats.IgnoreQueryFilters().CountAsync(s => s.SessionId == sessionId, ct);
        if (taken >= session.Capacity) throw new StateConflict("This session is full.");
        db.LiveSessionSeats.Add(new LiveSessionSeat { SessionId = sessionId, PersonId = personId, RegisteredAt = clock.GetUtcNow() });
        audit.Record(db, "LiveSessionSeatTaken", nameof(LiveSession), sessionId, person.PartnerId, after: new { person.Email });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    static string LocalStart(DateTimeOffset startsAt, string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(startsAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({timeZone})"
            : startsAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    static ModuleView View(TrainingModule m) => new(m.Id, m.Code, m.Title, m.Product, m.Level, m.BuyerStage, m.Format, m.DurationMinutes, m.Link);

    void RequireAdmin()
    {
        if (!dbs.Actor.IsIn(AccrueRoles.ProgramAdmin)) throw new ActionForbidden("Only program admins edit the training catalog.");
    }
}
