using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accrue.Data.Tiers;

sealed class PartnerTierConfiguration : IEntityTypeConfiguration<PartnerTier>
{
    public void Configure(EntityTypeBuilder<PartnerTier> tier)
    {
        tier.HasKey(t => t.PartnerId);
        tier.HasOne(t => t.Partner).WithOne().HasForeignKey<PartnerTier>(t => t.PartnerId);
        tier.Property(t => t.TierId).HasMaxLength(40);
        tier.Property(t => t.OverrideReason).HasMaxLength(1000);
        tier.Property(t => t.Revision).IsConcurrencyToken();
    }
}

sealed class TierEvaluationRunConfiguration : IEntityTypeConfiguration<TierEvaluationRun>
{
    public void Configure(EntityTypeBuilder<TierEvaluationRun> run)
    {
        run.Property(r => r.Period).HasMaxLength(20);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.HasIndex(r => r.Period);
    }
}

sealed class TierProposalConfiguration : IEntityTypeConfiguration<TierProposal>
{
    public void Configure(EntityTypeBuilder<TierProposal> proposal)
    {
        proposal.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        proposal.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        proposal.Property(p => p.CurrentTierId).HasMaxLength(40);
        proposal.Property(p => p.QualifyingTierId).HasMaxLength(40);
        proposal.Property(p => p.ProposedTierId).HasMaxLength(40);
        proposal.Property(p => p.Explanation).HasMaxLength(2000);
        proposal.Property(p => p.DecidedBy).HasMaxLength(256);
        proposal.Property(p => p.DecisionReason).HasMaxLength(1000);
        proposal.Property(p => p.Revision).IsConcurrencyToken();
        proposal.HasIndex(p => new { p.RunId, p.PartnerId }).IsUnique();
        proposal.HasIndex(p => new { p.PartnerId, p.Status });
    }
}

sealed class TierChangeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> change)
    {
        change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        change.Property(c => c.FromTierId).HasMaxLength(40);
        change.Property(c => c.ToTierId).HasMaxLength(40);
        change.Property(c => c.Period).HasMaxLength(20);
        change.Property(c => c.Reason).HasMaxLength(2000);
        change.Property(c => c.DecidedBy).HasMaxLength(256);
        change.HasIndex(c => new { c.PartnerId, c.DecidedAt });
    }
}
