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
/// is shown to staff only.
/// </remarks>
public sealed class DealScreening(AccrueStorage storage, DealOptions options)
{
    static readonly DealStatus[] Claiming = [DealStatus.Submitted, DealStatus.Approved, DealStatus.Qualified, DealStatus.Proposal, DealStatus.Negotiation];
    const int MaxCandidates = 500;

    public async Task ScreenAsync(Deal deal, CancellationToken ct)
    {
        await using var db = storage.Create(Actor.System);
        var candidate = new DealCandidate(deal.Id, deal.PartnerId, deal.CustomerName, deal.CustomerDomain, deal.ProductLineList, deal.RegisteredAt!.Value);

        var rivals = await db.Deals.AsNoTracking()
            .Where(d => d.PartnerId != deal.PartnerId && Claiming.Contains(d.Status) && d.RegisteredAt != null
                        && ((deal.CustomerDomain != null && d.CustomerDomain == deal.CustomerDomain) || d.CustomerNameBlock == deal.CustomerNameBlock))
            .OrderBy(d => d.RegisteredAt).Take(MaxCandidates)
            .Select(d => new { Deal = d, PartnerName = d.Partner!.Name })
            .ToListAsync(ct);
        var pipeline = await db.PipelineOpportunities.AsNoTracking()
            .Where(o => (deal.CustomerDomain != null && o.CustomerDomain == deal.CustomerDomain) || o.CustomerNameBlock == deal.CustomerNameBlock)
            .Take(MaxCandidates).ToListAsync(ct);

        var report = ConflictDetection.Find(candidate,
            rivals.Select(r => new RivalRegistration(r.Deal.Id, r.Deal.PartnerId, r.PartnerName, r.Deal.CustomerName, r.Deal.CustomerDomain,
                                                     r.Deal.ProductLineList, r.Deal.RegisteredAt!.Value, r.Deal.Status, r.Deal.ProtectedUntil)).ToList(),
            pipeline.Select(o => new VendorOpportunity(o.ExternalId, o.CustomerName, o.CustomerDomain, o.Owner, o.CreatedOn)).ToList(),
            MatchPolicy.Default);

        var rivalsById = rivals.ToDictionary(r => r.Deal.Id);
        deal.Conflicts.Clear();
        foreach (var conflict in report.Conflicts)
        {
            var rival = conflict.RivalDealId is { } id ? rivalsById[id] : null;
            deal.Conflicts.Add(new DealConflict
            {
                DealId = deal.Id, Kind = conflict.Kind, RivalDealId = conflict.RivalDealId, VendorOpportunityId = conflict.VendorOpportunityId,
                Similarity = conflict.Similarity, Explanation = conflict.Explanation, RivalPartnerName = rival?.PartnerName,
                RivalCustomerName = rival?.Deal.CustomerName ?? pipeline.FirstOrDefault(o => o.ExternalId == conflict.VendorOpportunityId)?.CustomerName,
                RivalCustomerDomain = rival?.Deal.CustomerDomain, RivalProductLines = rival?.Deal.ProductLines,
                RivalRegisteredAt = rival?.Deal.RegisteredAt, RivalStatus = rival?.Deal.Status, RivalProtectedUntil = rival?.Deal.ProtectedUntil,
            });
        }

        var signals = FraudSignals.Find(await FraudCheckFor(db, deal, candidate, report, pipeline, ct), FraudPolicy.Default);
        deal.Signals.Clear();
        foreach (var signal in signals)
            deal.Signals.Add(new DealSignal { DealId = deal.Id, Kind = signal.Kind, Explanation = signal.Explanation });

        deal.SpotAudit = SpotAudit.Draws(deal.Id, options.SpotAuditShare, options.SpotAuditSeed);
        deal.NeedsReview = deal.Conflicts.Count > 0 || deal.Signals.Count > 0 || deal.SpotAudit;
    }

    async Task<FraudCheck> FraudCheckFor(AccrueDb db, Deal deal, DealCandidate candidate, ConflictReport report,
                                         List<PipelineOpportunity> pipeline, CancellationToken ct)
    {
        var history = await db.Deals.AsNoTracking()
            .Where(d => d.PartnerId == deal.PartnerId && d.Id != deal.Id && d.RegisteredAt != null)
            .OrderByDescending(d => d.RegisteredAt).Take(MaxCandidates)
            .Select(d => new PastRegistration(d.RegisteredAt!.Value, d.EstimatedAmountMinor, d.Currency))
            .ToListAsync(ct);
        var sameContact = deal.ContactEmail is null ? [] : await db.Deals.AsNoTracking()
            .Where(d => d.ContactEmail == deal.ContactEmail && d.PartnerId != deal.PartnerId && d.RegisteredAt != null)
            .OrderBy(d => d.RegisteredAt).Take(20)
            .Select(d => new ContactUse(d.Partner!.Name, d.ContactEmail!, d.RegisteredAt!.Value))
            .ToListAsync(ct);
        var engaged = report.Conflicts.Where(c => c.Kind == ConflictKind.VendorPipeline)
            .Select(c => pipeline.First(o => o.ExternalId == c.VendorOpportunityId))
            .Select(o => new VendorOpportunity(o.ExternalId, o.CustomerName, o.CustomerDomain, o.Owner, o.CreatedOn)).ToList();
        return new FraudCheck(candidate, deal.EstimatedAmountMinor, deal.Currency, Currency.Of(deal.Currency).MinorDigits, deal.ContactEmail,
                              history, sameContact, options.PromotionWindows, engaged);
    }
}

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
