using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accrue.Data.Ledger;

sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransactionRecord>
{
    public void Configure(EntityTypeBuilder<LedgerTransactionRecord> t)
    {
        t.ToTable("LedgerTransactions");
        t.Property(x => x.Id).ValueGeneratedNever();
        t.Property(x => x.IdempotencyKey).HasMaxLength(300);
        t.HasIndex(x => x.IdempotencyKey).IsUnique();
        t.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        t.Property(x => x.Period).HasMaxLength(20);
        t.Property(x => x.RuleId).HasMaxLength(60);
        t.Property(x => x.Currency).HasMaxLength(3);
        t.Property(x => x.Reason).HasMaxLength(2000);
        t.Property(x => x.PostedBy).HasMaxLength(256);
        t.HasOne(x => x.Partner).WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        t.HasMany(x => x.Entries).WithOne().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Restrict);
        t.HasIndex(x => new { x.Period, x.PartnerId, x.RuleId });
        t.HasIndex(x => x.ReversesId);
    }
}

sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntryRecord>
{
    public void Configure(EntityTypeBuilder<LedgerEntryRecord> e)
    {
        e.ToTable("LedgerEntries");
        e.Property(x => x.Account).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Currency).HasMaxLength(3);
        e.HasIndex(x => new { x.Account, x.PartnerId, x.Currency });
    }
}

sealed class PayoutStatementConfiguration : IEntityTypeConfiguration<PayoutStatement>
{
    public void Configure(EntityTypeBuilder<PayoutStatement> s)
    {
        s.Property(x => x.Period).HasMaxLength(20);
        s.Property(x => x.Currency).HasMaxLength(3);
        s.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        s.Property(x => x.PreparedBy).HasMaxLength(2000);
        s.Property(x => x.CreatedBy).HasMaxLength(256);
        s.Property(x => x.ApprovedBy).HasMaxLength(256);
        s.Property(x => x.PaymentReference).HasMaxLength(100);
        s.Property(x => x.PaidBy).HasMaxLength(256);
        s.Property(x => x.VoidedBy).HasMaxLength(256);
        s.Property(x => x.VoidReason).HasMaxLength(1000);
        s.Property(x => x.Revision).IsConcurrencyToken();
        s.HasOne(x => x.Partner).WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        s.HasIndex(x => new { x.Period, x.Status });
        s.HasIndex(x => new { x.PartnerId, x.Period });
    }
}

sealed class StatementItemConfiguration : IEntityTypeConfiguration<StatementItem>
{
    public void Configure(EntityTypeBuilder<StatementItem> i)
    {
        i.HasKey(x => new { x.StatementId, x.TransactionId });
        i.HasIndex(x => x.TransactionId).IsUnique();
        i.HasOne<PayoutStatement>().WithMany().HasForeignKey(x => x.StatementId);
        i.HasOne<LedgerTransactionRecord>().WithMany().HasForeignKey(x => x.TransactionId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class StatementDisputeConfiguration : IEntityTypeConfiguration<StatementDispute>
{
    public void Configure(EntityTypeBuilder<StatementDispute> d)
    {
        d.Property(x => x.Reason).HasMaxLength(4000);
        d.Property(x => x.AttachmentName).HasMaxLength(200);
        d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        d.Property(x => x.Owner).HasMaxLength(256);
        d.Property(x => x.Resolution).HasMaxLength(4000);
        d.Property(x => x.CreatedBy).HasMaxLength(256);
        d.Property(x => x.Revision).IsConcurrencyToken();
        d.HasOne(x => x.Partner).WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<PayoutStatement>().WithMany().HasForeignKey(x => x.StatementId);
        d.HasIndex(x => new { x.Status, x.CreatedAt });
        d.HasIndex(x => x.TransactionId);
    }
}
