using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accrue.Data.Incentives;

sealed class CalculationRunConfiguration : IEntityTypeConfiguration<CalculationRun>
{
    public void Configure(EntityTypeBuilder<CalculationRun> run)
    {
        run.Property(r => r.Period).HasMaxLength(20);
        run.Property(r => r.Currency).HasMaxLength(3);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        run.Property(r => r.Stage).HasMaxLength(60);
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.HasIndex(r => new { r.Period, r.StartedAt });
    }
}

sealed class IncentiveLineConfiguration : IEntityTypeConfiguration<IncentiveLine>
{
    public void Configure(EntityTypeBuilder<IncentiveLine> line)
    {
        line.HasOne(l => l.Run).WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Restrict);
        line.HasOne(l => l.Partner).WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Restrict);
        line.Property(l => l.RuleId).HasMaxLength(60);
        line.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        line.Property(l => l.Period).HasMaxLength(20);
        line.Property(l => l.TierId).HasMaxLength(40);
        line.Property(l => l.Currency).HasMaxLength(3);
        line.Property(l => l.Explanation).HasMaxLength(4000);
        line.HasIndex(l => new { l.RunId, l.PartnerId });
        line.HasIndex(l => new { l.RunId, l.RuleId });
    }
}

sealed class PartnerTargetConfiguration : IEntityTypeConfiguration<PartnerTarget>
{
    public void Configure(EntityTypeBuilder<PartnerTarget> target)
    {
        target.HasKey(t => new { t.PartnerId, t.Period });
        target.HasOne(t => t.Partner).WithMany().HasForeignKey(t => t.PartnerId);
        target.Property(t => t.Period).HasMaxLength(20);
        target.Property(t => t.Currency).HasMaxLength(3);
        target.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}
