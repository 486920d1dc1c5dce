using Accrue.Data;
using Accrue.Engine.Deals;
using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Training;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Tiers;

/// <summary>Reads the facts of a set of partners in bulk (a handful of queries, none per deal) into the engine's snapshot.</summary>
/// <remarks>
/// Dates of facts are calendar dates in the program's time zone. A deal that was never submitted
/// (a draft) is no fact yet. Imported history counts as registered when it carries a registration date.
/// </remarks>
public static class TierFactsLoader
{
    public static async Task<ProgramFacts> LoadAsync(AccrueDb db, ProgramDefinition program, IReadOnlyList<Guid> partnerIds, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(program.TimeZone);
        var ids = partnerIds.ToHashSet();
        var all = ids.Count > 500; // a whole-program run reads every row; a single scorecard filters in SQL
        var deals = await db.Deals.AsNoTracking()
            .Where(d => d.RegisteredAt != null && (all || ids.Contains(d.PartnerId)))
            .Select(d => new
            {
                d.Id, d.PartnerId, d.Status, d.EstimatedAmountMinor, d.ActualAmountMinor, d.Currency, d.RegisteredAt, d.QualifiedOn, d.ClosedOn,
            })
            .ToListAsync(ct);
        var holdings = await db.CertificationHoldings.AsNoTracking()
            .Where(h => all || ids.Contains(h.Person!.PartnerId))
            .Select(h => new CertificationFact(h.Person!.PartnerId, h.PersonId, h.CertificationId, h.Track, h.ValidFrom, h.ValidUntil))
            .ToListAsync(ct);
        var earned = await db.CertificationChanges.AsNoTracking()
            .Where(c => c.Kind == CertificationEventKind.Earned && (all || ids.Contains(c.Person!.PartnerId)))
            .Select(c => new ActivityFact(c.Person!.PartnerId, ActivityKind.CertificationEarned, c.On, c.CertificationId))
            .ToListAsync(ct);
        var completions = await db.ModuleCompletions.AsNoTracking()
            .Where(c => all || ids.Contains(c.Person!.PartnerId))
            .Select(c => new ActivityFact(c.Person!.PartnerId, ActivityKind.TrainingCompletion, c.CompletedOn, c.ModuleId))
            .ToListAsync(ct);

        var rates = new ExchangeRates(program.Currency);
        foreach (var rate in await db.ExchangeRates.AsNoTracking().ToListAsync(ct))
            rates.Add(rate.Currency, rate.From, rate.Rate);

        var dealFacts = deals.Where(d => ids.Contains(d.PartnerId)).Select(d => new DealFact(
            d.Id, d.PartnerId,
            d.Status == DealStatus.Won ? d.ActualAmountMinor ?? d.EstimatedAmountMinor : d.EstimatedAmountMinor,
            d.Currency,
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(d.RegisteredAt!.Value, zone).DateTime),
            RegistrationApproved: d.Status is not (DealStatus.Submitted or DealStatus.Returned or DealStatus.Rejected or DealStatus.Draft),
            d.QualifiedOn,
            d.Status switch { DealStatus.Won => DealOutcome.Won, DealStatus.Lost => DealOutcome.Lost, _ => DealOutcome.Open },
            d.ClosedOn));
        return ProgramFacts.Build(partnerIds, dealFacts, holdings.Where(h => ids.Contains(h.PartnerId)),
                                  earned.Concat(completions).Where(a => ids.Contains(a.PartnerId)), rates);
    }
}
