using Accrue.Data.Audit;
using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Accrue.Data;

namespace Accrue.Web.Features.Audit;

public sealed record AuditQuery(string? Action = null, string? EntityType = null, string? EntityId = null, Guid? PartnerId = null,
                                string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 0, int PageSize = 50);

public sealed record AuditRow(Guid Id, DateTimeOffset At, string ActorName, string Action, string EntityType, string EntityId,
                              Guid? PartnerId, string? Before, string? After, string? Reason);

/// <summary>Reads the audit log, newest first. Writing happens through <see cref="AuditTrail"/>, with each change.</summary>
public sealed class AuditLog(AccrueDbFactory dbs)
{
    public async Task<Paged<AuditRow>> ListAsync(AuditQuery query, CancellationToken ct)
    {
        if (!dbs.Actor.IsStaff) throw new ActionForbidden("The audit log is for vendor staff.");
        await using var db = dbs.Create();
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(e => e.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.EntityType)) entries = entries.Where(e => e.EntityType == query.EntityType);
        if (!string.IsNullOrWhiteSpace(query.EntityId)) entries = entries.Where(e => e.EntityId == query.EntityId);
        if (query.PartnerId is { } partner) entries = entries.Where(e => e.PartnerId == partner);
        if (!string.IsNullOrWhiteSpace(query.Actor)) entries = entries.Where(e => e.ActorName.ToLower().Contains(query.Actor.Trim().ToLower()));
        if (query.From is { } from) entries = entries.Where(e => e.At >= from);
        if (query.To is { } to) entries = entries.Where(e => e.At < to);
        var total = await entries.CountAsync(ct);
        var (page, size) = Paging.Clamp(query.Page, query.PageSize);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(page * size).Take(size)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.Action, e.EntityType, e.EntityId, e.PartnerId, e.Before, e.After, e.Reason))
            .ToListAsync(ct);
        return new Paged<AuditRow>(rows, total);
    }

    /// <summary>The distinct actions recorded so far, for the filter.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }
}

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", List).WithTags("Audit").RequireAuthorization(Policies.Staff);

    /// <summary>Audit entries, newest first, filtered by action, entity, partner, actor and time ([from, to)).</summary>
    internal static async Task<Ok<Paged<AuditRow>>> List(AuditLog log, string? action, string? entityType, string? entityId, Guid? partnerId,
                                                string? actor, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize ?? 50);
        return TypedResults.Ok(await log.ListAsync(new AuditQuery(action, entityType, entityId, partnerId, actor, from, to, p, size), ct));
    }
}
