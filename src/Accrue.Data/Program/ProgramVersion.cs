using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accrue.Data.Program;

public enum ProgramVersionStatus { Draft, Published }

/// <summary>One version of the program definition, kept as its file (YAML): a draft being edited, or published and never changed again.</summary>
public sealed class ProgramVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>1, 2, 3… in the order versions were started.</summary>
    public int Number { get; init; }
    public ProgramVersionStatus Status { get; private set; } = ProgramVersionStatus.Draft;
    /// <summary>The definition in the program file's format (docs/program-file.md).</summary>
    public required string Document { get; set; }
    /// <summary>What changed, in the author's words, shown to partners with the upcoming change.</summary>
    public string? Summary { get; set; }
    /// <summary>The day from which the version is in force.</summary>
    public DateOnly? EffectiveOn { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public Guid Revision { get; set; } = Guid.NewGuid();

    public void Publish(DateOnly effectiveOn, DateTimeOffset at, string by)
    {
        if (Status == ProgramVersionStatus.Published) throw new InvalidOperationException($"Version {Number} is already published.");
        (Status, EffectiveOn, PublishedAt, PublishedBy) = (ProgramVersionStatus.Published, effectiveOn, at, by);
        Revision = Guid.NewGuid();
    }
}

/// <summary>Program-currency units per one unit of another currency, from a day on.</summary>
public sealed class ExchangeRate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Currency { get; init; }
    public DateOnly From { get; init; }
    public decimal Rate { get; set; }
}

sealed class ProgramVersionConfiguration : IEntityTypeConfiguration<ProgramVersion>
{
    public void Configure(EntityTypeBuilder<ProgramVersion> version)
    {
        version.HasIndex(v => v.Number).IsUnique();
        version.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        version.Property(v => v.Summary).HasMaxLength(2000);
        version.Property(v => v.CreatedBy).HasMaxLength(256);
        version.Property(v => v.PublishedBy).HasMaxLength(256);
        version.Property(v => v.Revision).IsConcurrencyToken();
    }
}

sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> rate)
    {
        rate.Property(r => r.Currency).HasMaxLength(3);
        rate.Property(r => r.Rate).HasPrecision(18, 8);
        rate.HasIndex(r => new { r.Currency, r.From }).IsUnique();
    }
}
