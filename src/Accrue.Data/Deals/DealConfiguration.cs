using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Accrue.Data.Deals;

sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> deal)
    {
        deal.Property(d => d.ExternalId).HasMaxLength(100);
        deal.HasIndex(d => d.ExternalId).IsUnique();
        deal.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        deal.Property(d => d.Involvement).HasConversion<string>().HasMaxLength(20);
        deal.Property(d => d.CustomerName).HasMaxLength(200);
        deal.Property(d => d.CustomerNameKey).HasMaxLength(200);
        deal.Property(d => d.CustomerNameBlock).HasMaxLength(8);
        deal.Property(d => d.CustomerDomain).HasMaxLength(253);
        deal.Property(d => d.CustomerCountry).HasMaxLength(2);
        deal.Property(d => d.ContactName).HasMaxLength(200);
        deal.Property(d => d.ContactEmail).HasMaxLength(254);
        deal.Property(d => d.ProductLines).HasMaxLength(500);
        deal.Property(d => d.Currency).HasMaxLength(3);
        deal.Property(d => d.Notes).HasMaxLength(4000);
        deal.Property(d => d.DecidedBy).HasMaxLength(256);
        deal.Property(d => d.DecisionReason).HasMaxLength(1000);
        deal.Property(d => d.ExtensionReason).HasMaxLength(1000);
        deal.Property(d => d.LostReason).HasMaxLength(1000);
        deal.Property(d => d.Revision).IsConcurrencyToken();
        deal.Ignore(d => d.ProductLineList);
        // A trigger sets it (see the DealChangeStamps migration); EF Core neither writes it nor reads it back after saving.
        deal.Property(d => d.ChangeStamp).HasDefaultValue(0L).ValueGeneratedNever();
        deal.Property(d => d.ChangeStamp).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        deal.Property(d => d.ChangeStamp).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        deal.HasIndex(d => d.ChangeStamp);
        // The queues read by status and age, partners their own deals. Screening reads rivals, contacts and histories from
        // memory (ScreeningIndex), so no index serves it: each would only make every registration's insert dearer.
        deal.HasIndex(d => new { d.Status, d.RegisteredAt });
        deal.HasIndex(d => new { d.PartnerId, d.RegisteredAt });
        deal.HasOne(d => d.Partner).WithMany().HasForeignKey(d => d.PartnerId).OnDelete(DeleteBehavior.Restrict);
        deal.HasMany(d => d.Conflicts).WithOne(c => c.Deal).HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
        deal.HasMany(d => d.Signals).WithOne(s => s.Deal).HasForeignKey(s => s.DealId).OnDelete(DeleteBehavior.Cascade);
        deal.HasMany(d => d.Evidence).WithOne(e => e.Deal).HasForeignKey(e => e.DealId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class DealConflictConfiguration : IEntityTypeConfiguration<DealConflict>
{
    public void Configure(EntityTypeBuilder<DealConflict> conflict)
    {
        conflict.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        conflict.Property(c => c.RivalStatus).HasConversion<string>().HasMaxLength(20);
        conflict.Property(c => c.VendorOpportunityId).HasMaxLength(100);
        conflict.Property(c => c.Explanation).HasMaxLength(1000);
        conflict.Property(c => c.RivalPartnerName).HasMaxLength(200);
        conflict.Property(c => c.RivalCustomerName).HasMaxLength(200);
        conflict.Property(c => c.RivalCustomerDomain).HasMaxLength(253);
        conflict.Property(c => c.RivalProductLines).HasMaxLength(500);
    }
}

sealed class DealSignalConfiguration : IEntityTypeConfiguration<DealSignal>
{
    public void Configure(EntityTypeBuilder<DealSignal> signal)
    {
        signal.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        signal.Property(s => s.Explanation).HasMaxLength(1000);
    }
}

sealed class InfluenceEvidenceConfiguration : IEntityTypeConfiguration<InfluenceEvidence>
{
    public void Configure(EntityTypeBuilder<InfluenceEvidence> evidence)
    {
        evidence.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        evidence.Property(e => e.Who).HasMaxLength(200);
        evidence.Property(e => e.Notes).HasMaxLength(2000);
        evidence.Property(e => e.LoggedBy).HasMaxLength(256);
    }
}

sealed class PipelineOpportunityConfiguration : IEntityTypeConfiguration<PipelineOpportunity>
{
    public void Configure(EntityTypeBuilder<PipelineOpportunity> opportunity)
    {
        opportunity.Property(o => o.ExternalId).HasMaxLength(100);
        opportunity.HasIndex(o => o.ExternalId).IsUnique();
        opportunity.Property(o => o.CustomerName).HasMaxLength(200);
        opportunity.Property(o => o.CustomerNameKey).HasMaxLength(200);
        opportunity.Property(o => o.CustomerNameBlock).HasMaxLength(8);
        opportunity.Property(o => o.CustomerDomain).HasMaxLength(253);
        opportunity.Property(o => o.Owner).HasMaxLength(200);
        opportunity.HasIndex(o => o.CustomerDomain);
        opportunity.HasIndex(o => o.CustomerNameBlock);
        // Like a deal's: a trigger sets it (the PipelineChangeStamps migration), EF Core neither writes it nor reads it back.
        opportunity.Property(o => o.ChangeStamp).HasDefaultValue(0L).ValueGeneratedNever();
        opportunity.Property(o => o.ChangeStamp).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        opportunity.Property(o => o.ChangeStamp).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        opportunity.HasIndex(o => o.ChangeStamp);
    }
}
