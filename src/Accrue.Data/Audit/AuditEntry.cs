using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accrue.Data.Audit;

/// <summary>One change of state that matters: who, when, what, before and after, and why.</summary>
/// <remarks>Append-only: triggers in both databases refuse UPDATE and DELETE on the table.</remarks>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    /// <summary>The partner the change concerns, when there is one: audit views filter on it.</summary>
    public Guid? PartnerId { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Adds audit entries to the context that carries the change, so both are saved in one transaction.</summary>
public sealed class AuditTrail(TimeProvider clock)
{
    // Enums by name: an append-only log outlives the order of an enum's members, and people read it.
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <param name="by">Who acted, when it is not the context's own actor (Identity's plumbing runs as the system).</param>
    public AuditEntry Record(AccrueDb db, string action, string entityType, object entityId,
                             Guid? partnerId = null, object? before = null, object? after = null, string? reason = null,
                             Actor? by = null)
    {
        var entry = Entry(by ?? db.Actor, action, entityType, entityId, partnerId, before, after, reason);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>An entry for the caller to save with its change, for changes not saved through a context's change tracking.</summary>
    public AuditEntry Entry(Actor by, string action, string entityType, object entityId,
                            Guid? partnerId = null, object? before = null, object? after = null, string? reason = null) =>
        new()
        {
            At = clock.GetUtcNow(),
            ActorId = by.UserId,
            ActorName = by.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString()!,
            PartnerId = partnerId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Reason = reason,
        };
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.ActorName).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(100);
        entry.Property(e => e.EntityType).HasMaxLength(100);
        entry.Property(e => e.EntityId).HasMaxLength(100);
        entry.Property(e => e.Reason).HasMaxLength(1000);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.EntityType, e.EntityId });
        entry.HasIndex(e => e.PartnerId);
    }
}
