using System.Data.Common;
using Accrue.Data;
using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Engine.Money;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Deals;

/// <summary>Checks a submission against other partners' open registrations, the vendor's pipeline and the partner's own history.</summary>
/// <remarks>
/// The rules are the engine's (ConflictDetection, FraudSignals, SpotAudit); this class only loads
/// what they need and records what they found on the deal. It reads through a system context,
/// because a conflict is by nature with a deal the submitting partner may not see; what it found
/// is shown to staff only. The system sees every row anyway, so its reads skip the query filters,
/// whose scope joins would only cost time.
/// </remarks>
public sealed class DealScreening(AccrueStorage storage, DealOptions options)
{
    static readonly DealStatus[] Claiming = [DealStatus.Submitted, DealStatus.Approved, DealStatus.Qualified, DealStatus.Proposal, DealStatus.Negotiation];
    const int MaxCandidates = 500;

    public Task ScreenAsync(Deal deal, CancellationToken ct) => ScreenAsync(deal, null, ct);

    /// <param name="transaction">The caller's transaction, to read on its connection and within it instead of taking another connection from the pool.</param>
    public async Task ScreenAsync(Deal deal, DbTransaction? transaction, CancellationToken ct)
    {
        await using var db = storage.Create(Actor.System);
        if (transaction is not null)
        {
            db.Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
            await db.Database.UseTransactionAsync(transaction, ct);
        }
        // One connection for all the reads: EF Core would open and close it around each, and PostgreSQL
        // resets a pooled connection's session state every time it is handed out again.
        await db.Database.OpenConnectionAsync(ct);
        var candidate = new DealCandidate(deal.Id, deal.PartnerId, deal.CustomerName, deal.CustomerDomain, deal.ProductLineList, deal.RegisteredAt!.Value);

        // Only the columns the rules and the conflict rows use: a whole deal is ~30 columns, and a crowded block has dozens of rivals.
        var rivals = await db.Deals.AsNoTracking().IgnoreQueryFilters()
            .Where(d => d.PartnerId != deal.PartnerId && Claiming.Contains(d.Status) && d.RegisteredAt != null
                        && ((deal.CustomerDomain != null && d.CustomerDomain == deal.CustomerDomain) || d.CustomerNameBlock == deal.CustomerNameBlock))
            .OrderBy(d => d.RegisteredAt).Take(MaxCandidates)
            .Select(d => new Rival(d.Id, d.PartnerId, d.CustomerName, d.CustomerDomain, d.ProductLines, d.RegisteredAt!.Value, d.Status, d.ProtectedUntil))
            .ToListAsync(ct);
        var pipeline = await db.PipelineOpportunities.AsNoTracking().IgnoreQueryFilters()
            .Where(o => (deal.CustomerDomain != null && o.CustomerDomain == deal.CustomerDomain) || o.CustomerNameBlock == deal.CustomerNameBlock)
            .Take(MaxCandidates)
            .Select(o => new VendorOpportunity(o.ExternalId, o.CustomerName, o.CustomerDomain, o.Owner, o.CreatedOn))
            .ToListAsync(ct);

        // ConflictDetection judges each rival on its own, and a rival's partner name appears only in the explanation of
        // that rival's own conflict. So the names are read for the few rivals that conflict, then the check runs again
        // with them, instead of joining a partner onto every rival in the block.
        var rivalsById = rivals.ToDictionary(r => r.Id);
        var report = Detect(candidate, rivals, pipeline, partnerNames: null);
        var partnerIds = report.Conflicts.Where(c => c.RivalDealId is not null)
            .Select(c => rivalsById[c.RivalDealId!.Value].PartnerId).Distinct().ToList();
        Dictionary<Guid, string> partnerNames = [];
        if (partnerIds.Count > 0)
        {
            partnerNames = await db.Partners.AsNoTracking().IgnoreQueryFilters().Where(p => partnerIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            report = Detect(candidate, rivals, pipeline, partnerNames);
        }

        deal.Conflicts.Clear();
        foreach (var conflict in report.Conflicts)
        {
            var rival = conflict.RivalDealId is { } id ? rivalsById[id] : null;
            deal.Conflicts.Add(new DealConflict
            {
                DealId = deal.Id, Kind = conflict.Kind, RivalDealId = conflict.RivalDealId, VendorOpportunityId = conflict.VendorOpportunityId,
                Similarity = conflict.Similarity, Explanation = conflict.Explanation,
                RivalPartnerName = rival is null ? null : partnerNames[rival.PartnerId],
                RivalCustomerName = rival?.CustomerName ?? pipeline.FirstOrDefault(o => o.Id == conflict.VendorOpportunityId)?.CustomerName,
                RivalCustomerDomain = rival?.CustomerDomain, RivalProductLines = rival?.ProductLines,
                RivalRegisteredAt = rival?.RegisteredAt, RivalStatus = rival?.Status, RivalProtectedUntil = rival?.ProtectedUntil,
            });
        }

        var signals = FraudSignals.Find(await FraudCheckFor(db, deal, candidate, report, pipeline, ct), FraudPolicy.Default);
        deal.Signals.Clear();
        foreach (var signal in signals)
            deal.Signals.Add(new DealSignal { DealId = deal.Id, Kind = signal.Kind, Explanation = signal.Explanation });

        deal.SpotAudit = SpotAudit.Draws(deal.Id, options.SpotAuditShare, options.SpotAuditSeed);
        deal.NeedsReview = deal.Conflicts.Count > 0 || deal.Signals.Count > 0 || deal.SpotAudit;
    }

    static ConflictReport Detect(DealCandidate candidate, List<Rival> rivals, List<VendorOpportunity> pipeline,
                                 Dictionary<Guid, string>? partnerNames) =>
        ConflictDetection.Find(candidate,
            rivals.Select(r => new RivalRegistration(r.Id, r.PartnerId, partnerNames?.GetValueOrDefault(r.PartnerId) ?? "", r.CustomerName,
                                                     r.CustomerDomain, Deal.ProductLinesOf(r.ProductLines), r.RegisteredAt, r.Status,
                                                     r.ProtectedUntil)).ToList(),
            pipeline, MatchPolicy.Default);

    async Task<FraudCheck> FraudCheckFor(AccrueDb db, Deal deal, DealCandidate candidate, ConflictReport report,
                                         List<VendorOpportunity> pipeline, CancellationToken ct)
    {
        var history = await db.Deals.AsNoTracking().IgnoreQueryFilters()
            .Where(d => d.PartnerId == deal.PartnerId && d.Id != deal.Id && d.RegisteredAt != null)
            .OrderByDescending(d => d.RegisteredAt).Take(MaxCandidates)
            .Select(d => new PastRegistration(d.RegisteredAt!.Value, d.EstimatedAmountMinor, d.Currency))
            .ToListAsync(ct);
        var sameContact = deal.ContactEmail is null ? [] : await db.Deals.AsNoTracking().IgnoreQueryFilters()
            .Where(d => d.ContactEmail == deal.ContactEmail && d.PartnerId != deal.PartnerId && d.RegisteredAt != null)
            .OrderBy(d => d.RegisteredAt).Take(20)
            .Select(d => new ContactUse(d.Partner!.Name, d.ContactEmail!, d.RegisteredAt!.Value))
            .ToListAsync(ct);
        var engaged = report.Conflicts.Where(c => c.Kind == ConflictKind.VendorPipeline)
            .Select(c => pipeline.First(o => o.Id == c.VendorOpportunityId)).ToList();
        return new FraudCheck(candidate, deal.EstimatedAmountMinor, deal.Currency, Currency.Of(deal.Currency).MinorDigits, deal.ContactEmail,
                              history, sameContact, options.PromotionWindows, engaged);
    }
}

/// <summary>The columns of another partner's registration that screening reads.</summary>
sealed record Rival(Guid Id, Guid PartnerId, string CustomerName, string? CustomerDomain, string ProductLines,
                    DateTimeOffset RegisteredAt, DealStatus Status, DateOnly? ProtectedUntil);

/// <summary>The matching keys of a customer: normalised name, its block, and the normalised domain.</summary>
public static class CustomerKeys
{
    /// <summary>Names are compared only within a block of the same first characters: a fuzzy match needs candidates, not a scan of every deal.</summary>
    public const int BlockLength = 4;

    public static (string Key, string Block, string? Domain) For(string name, string? domain)
    {
        var key = CompanyNames.Normalize(name);
        return (key, key.Length <= BlockLength ? key : key[..BlockLength], WebDomains.Normalize(domain));
    }
}
