using Accrue.Data.Accounts;
using Accrue.Data.Audit;
using Accrue.Data.Deals;
using Accrue.Data.Idempotency;
using Accrue.Data.Incentives;
using Accrue.Data.Ledger;
using Accrue.Data.Training;
using Accrue.Data.Partners;
using Accrue.Data.Program;
using Accrue.Data.Tiers;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Data;

/// <summary>The EF Core model of Accrue, made for one actor whose scope its query filters apply.</summary>
/// <remarks>
/// Provider-specific migrations live with the two subclasses, <see cref="SqliteAccrueDb"/> and
/// <see cref="PostgresAccrueDb"/> (ADR-003). Make contexts through <see cref="AccrueDbFactory"/>,
/// one per operation.
/// </remarks>
public abstract class AccrueDb(DbContextOptions options, Actor actor)
    : IdentityDbContext<AccrueUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public Actor Actor { get; } = actor;

    // The query filters read these per context instance; EF Core turns them into SQL parameters.
    bool ScopeAll => Actor.SeesAllPartners;
    Guid? ScopePartnerId => Actor.ActsForPartner;
    Guid? ScopeManagerId => Actor.ManagesAsUser;
    Guid? ScopeUserId => Actor.UserId;

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealConflict> DealConflicts => Set<DealConflict>();
    public DbSet<DealSignal> DealSignals => Set<DealSignal>();
    public DbSet<InfluenceEvidence> InfluenceEvidence => Set<InfluenceEvidence>();
    public DbSet<PipelineOpportunity> PipelineOpportunities => Set<PipelineOpportunity>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<TrainingModule> TrainingModules => Set<TrainingModule>();
    public DbSet<LearningPath> LearningPaths => Set<LearningPath>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<LiveSession> LiveSessions => Set<LiveSession>();
    public DbSet<ModuleCompletion> ModuleCompletions => Set<ModuleCompletion>();
    public DbSet<CertificationHolding> CertificationHoldings => Set<CertificationHolding>();
    public DbSet<LiveSessionSeat> LiveSessionSeats => Set<LiveSessionSeat>();
    public DbSet<CertificationChange> CertificationChanges => Set<CertificationChange>();
    public DbSet<ProgramVersion> ProgramVersions => Set<ProgramVersion>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
    public DbSet<PartnerTier> PartnerTiers => Set<PartnerTier>();
    public DbSet<TierEvaluationRun> TierEvaluationRuns => Set<TierEvaluationRun>();
    public DbSet<TierProposal> TierProposals => Set<TierProposal>();
    public DbSet<TierChange> TierChanges => Set<TierChange>();
    public DbSet<CalculationRun> CalculationRuns => Set<CalculationRun>();
    public DbSet<IncentiveLine> IncentiveLines => Set<IncentiveLine>();
    public DbSet<PartnerTarget> PartnerTargets => Set<PartnerTarget>();
    public DbSet<LedgerTransactionRecord> LedgerTransactions => Set<LedgerTransactionRecord>();
    public DbSet<LedgerEntryRecord> LedgerEntries => Set<LedgerEntryRecord>();
    public DbSet<PayoutStatement> PayoutStatements => Set<PayoutStatement>();
    public DbSet<StatementItem> StatementItems => Set<StatementItem>();
    public DbSet<StatementDispute> StatementDisputes => Set<StatementDispute>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AccrueDb).Assembly);

        // Ownership is enforced here, in every query, never only in the UI. Each guard checks its
        // scope is set, because EF Core compares null to null as equal.
        builder.Entity<Partner>().HasQueryFilter(p =>
            ScopeAll
            || (ScopePartnerId != null && p.Id == ScopePartnerId)
            || (ScopeManagerId != null && p.ManagerId == ScopeManagerId));
        builder.Entity<Contact>().HasQueryFilter(c =>
            ScopeAll
            || (ScopePartnerId != null && c.PartnerId == ScopePartnerId)
            || (ScopeManagerId != null && c.Partner!.ManagerId == ScopeManagerId));
        builder.Entity<AccrueUser>().HasQueryFilter(u =>
            ScopeAll
            || (ScopeUserId != null && u.Id == ScopeUserId)
            || (ScopePartnerId != null && u.PartnerId == ScopePartnerId)
            || (ScopeManagerId != null && u.PartnerId != null && u.Partner!.ManagerId == ScopeManagerId));
        builder.Entity<Deal>().HasQueryFilter(d =>
            ScopeAll
            || (ScopePartnerId != null && d.PartnerId == ScopePartnerId)
            || (ScopeManagerId != null && d.Partner!.ManagerId == ScopeManagerId));
        // Conflicts name other partners and signals are about gaming: both are for staff only,
        // within the deals they may see.
        builder.Entity<DealConflict>().HasQueryFilter(c => (ScopeAll || ScopeManagerId != null) && Set<Deal>().Any(d => d.Id == c.DealId));
        builder.Entity<DealSignal>().HasQueryFilter(s => (ScopeAll || ScopeManagerId != null) && Set<Deal>().Any(d => d.Id == s.DealId));
        builder.Entity<InfluenceEvidence>().HasQueryFilter(e => Set<Deal>().Any(d => d.Id == e.DealId));
        // The vendor's own pipeline is for staff; partners never see it.
        builder.Entity<PipelineOpportunity>().HasQueryFilter(o => ScopeAll || ScopeManagerId != null);
        // A person's training records belong to the person's partner; the catalog is everyone's.
        builder.Entity<ModuleCompletion>().HasQueryFilter(c => Set<Contact>().Any(p => p.Id == c.PersonId));
        builder.Entity<CertificationHolding>().HasQueryFilter(h => Set<Contact>().Any(p => p.Id == h.PersonId));
        builder.Entity<LiveSessionSeat>().HasQueryFilter(s => Set<Contact>().Any(p => p.Id == s.PersonId));
        builder.Entity<CertificationChange>().HasQueryFilter(c => Set<Contact>().Any(p => p.Id == c.PersonId));
        // Everyone reads the published program; drafts are the staff's work in progress.
        builder.Entity<ProgramVersion>().HasQueryFilter(v => ScopeAll || ScopeManagerId != null || v.Status == ProgramVersionStatus.Published);
        // A partner's tier, its proposals and its history belong to the partner; runs are staff work.
        builder.Entity<PartnerTier>().HasQueryFilter(t => Set<Partner>().Any(p => p.Id == t.PartnerId));
        builder.Entity<TierProposal>().HasQueryFilter(t => Set<Partner>().Any(p => p.Id == t.PartnerId));
        builder.Entity<TierChange>().HasQueryFilter(t => Set<Partner>().Any(p => p.Id == t.PartnerId));
        builder.Entity<TierEvaluationRun>().HasQueryFilter(r => ScopeAll || ScopeManagerId != null);
        // Calculation runs are staff work; a line and a target belong to their partner (statements, #7, show lines to partners).
        builder.Entity<CalculationRun>().HasQueryFilter(r => ScopeAll || ScopeManagerId != null);
        builder.Entity<IncentiveLine>().HasQueryFilter(l => Set<Partner>().Any(p => p.Id == l.PartnerId));
        builder.Entity<PartnerTarget>().HasQueryFilter(t => Set<Partner>().Any(p => p.Id == t.PartnerId));
        // The ledger belongs to its partners; a partner sees its statements once approved (a draft's figures may still change).
        builder.Entity<LedgerTransactionRecord>().HasQueryFilter(t => Set<Partner>().Any(p => p.Id == t.PartnerId));
        builder.Entity<PayoutStatement>().HasQueryFilter(s =>
            Set<Partner>().Any(p => p.Id == s.PartnerId)
            && (ScopeAll || ScopeManagerId != null || s.Status == Accrue.Engine.Ledger.StatementStatus.Approved || s.Status == Accrue.Engine.Ledger.StatementStatus.Paid));
        builder.Entity<StatementDispute>().HasQueryFilter(d => Set<Partner>().Any(p => p.Id == d.PartnerId));
        builder.Entity<LedgerEntryRecord>().HasQueryFilter(e => Set<LedgerTransactionRecord>().Any(t => t.Id == e.TransactionId));
        builder.Entity<StatementItem>().HasQueryFilter(i => Set<PayoutStatement>().Any(s => s.Id == i.StatementId));
        builder.Entity<ApiToken>().HasQueryFilter(t => ScopeAll || (ScopeUserId != null && t.UserId == ScopeUserId));
        // Audit entries are for staff: a partner manager sees the program-wide ones and those of
        // its own partners (the nested partner filter narrows the subquery to them).
        builder.Entity<AuditEntry>().HasQueryFilter(e =>
            ScopeAll
            || (ScopeManagerId != null && (e.PartnerId == null || Set<Partner>().Any(p => p.Id == e.PartnerId))));
    }
}

/// <summary>The context on SQLite: the default, a file in the working folder.</summary>
public sealed class SqliteAccrueDb(DbContextOptions<SqliteAccrueDb> options, Actor actor) : AccrueDb(options, actor)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite stores DateTimeOffset as text and cannot order or compare it in SQL; as a number
        // (we only store UTC) it sorts and compares correctly.
        conventions.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The context on PostgreSQL, for production.</summary>
public sealed class PostgresAccrueDb(DbContextOptions<PostgresAccrueDb> options, Actor actor) : AccrueDb(options, actor);
