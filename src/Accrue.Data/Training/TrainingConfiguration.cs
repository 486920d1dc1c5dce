using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accrue.Data.Training;

sealed class TrainingModuleConfiguration : IEntityTypeConfiguration<TrainingModule>
{
    public void Configure(EntityTypeBuilder<TrainingModule> module)
    {
        module.Property(m => m.Code).HasMaxLength(50);
        module.HasIndex(m => m.Code).IsUnique();
        module.Property(m => m.Title).HasMaxLength(200);
        module.Property(m => m.Product).HasMaxLength(100);
        module.Property(m => m.Link).HasMaxLength(500);
        module.Property(m => m.Level).HasConversion<string>().HasMaxLength(20);
        module.Property(m => m.BuyerStage).HasConversion<string>().HasMaxLength(20);
        module.Property(m => m.Format).HasConversion<string>().HasMaxLength(20);
    }
}

sealed class LearningPathConfiguration : IEntityTypeConfiguration<LearningPath>
{
    public void Configure(EntityTypeBuilder<LearningPath> path)
    {
        path.Property(p => p.Name).HasMaxLength(200);
        path.Property(p => p.Description).HasMaxLength(2000);
        path.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.PathId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class LearningPathStepConfiguration : IEntityTypeConfiguration<LearningPathStep>
{
    public void Configure(EntityTypeBuilder<LearningPathStep> step)
    {
        step.HasOne(s => s.Module).WithMany().HasForeignKey(s => s.ModuleId).OnDelete(DeleteBehavior.Restrict);
        step.HasIndex(s => new { s.PathId, s.Position }).IsUnique();
    }
}

sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> certification)
    {
        certification.Property(c => c.Code).HasMaxLength(50);
        certification.HasIndex(c => c.Code).IsUnique();
        certification.Property(c => c.Name).HasMaxLength(200);
        certification.Property(c => c.Track).HasConversion<string>().HasMaxLength(20);
        certification.Property(c => c.PassingScore).HasPrecision(5, 2);
        certification.HasMany(c => c.Requirements).WithOne().HasForeignKey(r => r.CertificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CertificationRequirementConfiguration : IEntityTypeConfiguration<CertificationRequirement>
{
    public void Configure(EntityTypeBuilder<CertificationRequirement> requirement) =>
        requirement.HasIndex(r => new { r.CertificationId, r.ModuleId }).IsUnique();
}

sealed class LiveSessionConfiguration : IEntityTypeConfiguration<LiveSession>
{
    public void Configure(EntityTypeBuilder<LiveSession> session)
    {
        session.Property(s => s.TimeZone).HasMaxLength(64);
        session.Property(s => s.Location).HasMaxLength(300);
        session.HasOne(s => s.Module).WithMany().HasForeignKey(s => s.ModuleId).OnDelete(DeleteBehavior.Restrict);
        session.HasMany(s => s.Seats).WithOne(s => s.Session).HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => s.StartsAt);
    }
}

sealed class ModuleCompletionConfiguration : IEntityTypeConfiguration<ModuleCompletion>
{
    public void Configure(EntityTypeBuilder<ModuleCompletion> completion)
    {
        completion.Property(c => c.Score).HasPrecision(5, 2);
        completion.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        completion.Property(c => c.RecordedBy).HasMaxLength(256);
        // One completion per person, module and day: what makes imports idempotent.
        completion.HasIndex(c => new { c.PersonId, c.ModuleId, c.CompletedOn }).IsUnique();
        completion.HasIndex(c => c.CompletedOn);
        completion.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        completion.HasOne(c => c.Module).WithMany().HasForeignKey(c => c.ModuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class CertificationHoldingConfiguration : IEntityTypeConfiguration<CertificationHolding>
{
    public void Configure(EntityTypeBuilder<CertificationHolding> holding)
    {
        holding.Property(h => h.Track).HasConversion<string>().HasMaxLength(20);
        holding.HasIndex(h => new { h.PersonId, h.CertificationId, h.ValidFrom }).IsUnique();
        holding.HasIndex(h => h.ValidUntil);
        holding.HasOne(h => h.Person).WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.Cascade);
        holding.HasOne(h => h.Certification).WithMany().HasForeignKey(h => h.CertificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class LiveSessionSeatConfiguration : IEntityTypeConfiguration<LiveSessionSeat>
{
    public void Configure(EntityTypeBuilder<LiveSessionSeat> seat)
    {
        seat.HasIndex(s => new { s.SessionId, s.PersonId }).IsUnique();
        seat.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CertificationChangeConfiguration : IEntityTypeConfiguration<CertificationChange>
{
    public void Configure(EntityTypeBuilder<CertificationChange> change)
    {
        change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        change.Property(c => c.Explanation).HasMaxLength(1000);
        change.HasIndex(c => new { c.PersonId, c.CertificationId, c.Kind, c.On }).IsUnique();
        change.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
