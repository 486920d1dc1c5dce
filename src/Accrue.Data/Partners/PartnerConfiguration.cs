using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accrue.Data.Partners;

sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.Property(p => p.Name).HasMaxLength(200);
        partner.Property(p => p.ExternalId).HasMaxLength(100);
        partner.HasIndex(p => p.ExternalId).IsUnique();
        partner.Property(p => p.Country).HasMaxLength(2);
        partner.Property(p => p.Vertical).HasMaxLength(100);
        partner.Property(p => p.Website).HasMaxLength(300);
        partner.Property(p => p.Type).HasConversion<string>().HasMaxLength(20);
        partner.Property(p => p.Region).HasConversion<string>().HasMaxLength(20);
        partner.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        partner.Property(p => p.Revision).IsConcurrencyToken();
        partner.HasIndex(p => p.Name);
        partner.HasIndex(p => p.ManagerId);
        partner.HasOne(p => p.Manager).WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.SetNull);
        partner.HasMany(p => p.Contacts).WithOne(c => c.Partner).HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.Property(c => c.FirstName).HasMaxLength(100);
        contact.Property(c => c.LastName).HasMaxLength(100);
        contact.Property(c => c.Email).HasMaxLength(254);
        contact.Property(c => c.JobTitle).HasMaxLength(100);
        contact.Property(c => c.Phone).HasMaxLength(40);
        contact.HasIndex(c => new { c.PartnerId, c.Email }).IsUnique();
    }
}
