using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accrue.Data.Idempotency;

/// <summary>The first answer to a request sent with an Idempotency-Key, so that a retry gets the same answer.</summary>
/// <remarks>
/// Inserted in the same transaction as the change it answers for, under a unique index on (key,
/// scope): two requests with one key cannot both commit, and a retry finds the stored answer.
/// </remarks>
public sealed class IdempotencyRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Whose key it is (the user), so that two users' keys never collide.</summary>
    public required string Scope { get; init; }
    public required string Key { get; init; }
    /// <summary>SHA-256 of the request body: the same key with another body is refused.</summary>
    public required string RequestHash { get; init; }
    public int StatusCode { get; init; }
    public required string ResponseBody { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.Property(r => r.Scope).HasMaxLength(100);
        record.Property(r => r.Key).HasMaxLength(200);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        // Key first: registrations arriving together look their keys up at once (Key = ANY), whatever their users.
        record.HasIndex(r => new { r.Key, r.Scope }).IsUnique();
        record.HasIndex(r => r.CreatedAt);
    }
}
