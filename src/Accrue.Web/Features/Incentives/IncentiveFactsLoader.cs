using Accrue.Data;
using Accrue.Engine.Deals;
using Accrue.Engine.Incentives;
using Accrue.Engine.Metrics;
using Accrue.Engine.Money;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Incentives;

/// <summary>What a calculation of one period reads: the facts as the engine's columns, each partner's tier in force and target.</summary>
public sealed record IncentiveInputs(IncentiveFacts Facts, IReadOnlyDictionary<Guid, string> TiersInForce, IReadOnlyDictionary<Guid, decimal> Targets)
{
    /// <summary>Open registrations counted as won at their weighted amount (a forecast's inputs only; 0 otherwise).</summary>
    public int PipelineDeals { get; init; }

    /// <summary>The engine on these inputs, for a calculation that stores nothing; a partner on a tier that <paramref name="which"/> lacks is a conflict to fix, named.</summary>
    public IncentiveResult Calculate(ProgramDefinition program, Period period, DateOnly asOf, string which)
    {
        try
        {
            return IncentiveCalculation.Calculate(program, period, asOf, Facts, TiersInForce, Targets);
        }
        catch (ArgumentException wrongTier) when (wrongTier.ParamName == "tiersInForce")
        {
            throw new Hosting.StateConflict($"The {which} cannot be calculated on today's partners: {wrongTier.Message.Split(" (Parameter")[0]}");
        }
    }
}

/// <summary>Reads a period's incentive facts in bulk: a handful of set-based queries, none per deal or per partner.</summary>
/// <remarks>
/// Choices, also in docs/incentives.md:
/// - Every partner but prospects is calculated (a suspended or exited partner keeps what it earned; payouts decide).
/// - Only won deals are facts (open and lost deals earn nothing); a deal's product is its first product line;
///   it is referred when the partner's involvement is a referral, influenced when evidence is logged on it.
/// - A new logo is the first won deal of its customer, judged across all partners by close date, then
///   registration time, then id; the customer is its web domain, else its normalised name.
/// - The tier in force for a period is the tier held at its start: the changes decided before the start,
///   plus the changes that came from evaluating a period that ended by then (approved late or not).
/// </remarks>
public static class IncentiveFactsLoader
{
    /// <param name="pipelineFrom">
    /// For a forecast: also count each open registration expected to close before the period ends as won,
    /// for its weighted amount (Accrue.Engine.Deals.PipelineWeights), on its expected close date or this
    /// date if that has passed. Null for a calculation: won deals only.
    /// </param>
    public static async Task<IncentiveInputs> LoadAsync(AccrueDb db, ProgramDefinition program, Period period, CancellationToken ct, DateOnly? pipelineFrom = null)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(program.TimeZone);
        var partners = await db.Partners.AsNoTracking().Where(p => p.Status != PartnerStatus.Prospect).OrderBy(p => p.Id)
            .Select(p => new IncentivePartner(p.Id, p.Type, p.Region, p.Vertical)).ToListAsync(ct);
        var ids = partners.Select(p => p.PartnerId).ToHashSet();

        var won = await db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Won && d.ClosedOn != null)
            .Select(d => new
            {
                d.Id, d.PartnerId, Amount = d.ActualAmountMinor ?? d.EstimatedAmountMinor, d.Currency, d.RegisteredAt, d.CreatedAt, d.QualifiedOn,
                d.ClosedOn, d.ProductLines, d.Involvement, d.CustomerDomain, d.CustomerNameKey, d.PaidOn, d.ReversedOn,
            })
            .ToListAsync(ct);
        var pipelineDeals = 0;
        if (pipelineFrom is { } from)
        {
            var stages = Enum.GetValues<DealStatus>().Where(PipelineWeights.IsPipeline).ToList();
            var open = await db.Deals.AsNoTracking().Where(d => stages.Contains(d.Status) && d.ExpectedCloseOn < period.End)
                .Select(d => new
                {
                    d.Id, d.PartnerId, d.Status, d.EstimatedAmountMinor, d.Currency, d.RegisteredAt, d.CreatedAt, d.QualifiedOn, d.ExpectedCloseOn,
                    d.ProductLines, d.Involvement, d.CustomerDomain, d.CustomerNameKey,
                })
                .ToListAsync(ct);
            won.AddRange(open.Select(d => new
            {
                d.Id, d.PartnerId, Amount = PipelineWeights.Weigh(d.EstimatedAmountMinor, d.Status), d.Currency, d.RegisteredAt, d.CreatedAt, d.QualifiedOn,
                ClosedOn = (DateOnly?)(d.ExpectedCloseOn < from ? from : d.ExpectedCloseOn), d.ProductLines, d.Involvement, d.CustomerDomain, d.CustomerNameKey,
                PaidOn = (DateOnly?)null, ReversedOn = (DateOnly?)null,
            }));
            pipelineDeals = open.Count(d => ids.Contains(d.PartnerId));
        }
        var influenced = (await db.InfluenceEvidence.AsNoTracking().Select(e => e.DealId).Distinct().ToListAsync(ct)).ToHashSet();
        var newLogos = won.GroupBy(d => d.CustomerDomain ?? "name:" + d.CustomerNameKey)
            .Select(g => g.OrderBy(d => d.ClosedOn).ThenBy(d => d.RegisteredAt ?? d.CreatedAt).ThenBy(d => d.Id).First().Id).ToHashSet();

        var deals = won.Where(d => ids.Contains(d.PartnerId)).Select(d =>
        {
            var registeredAt = d.RegisteredAt ?? d.CreatedAt;
            var fact = new DealFact(d.Id, d.PartnerId, d.Amount, d.Currency,
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(registeredAt, zone).DateTime), RegistrationApproved: true, d.QualifiedOn,
                DealOutcome.Won, d.ClosedOn, d.ReversedOn);
            return new IncentiveDeal(fact, Data.Deals.Deal.ProductLinesOf(d.ProductLines).FirstOrDefault(), d.Involvement == Involvement.Referral,
                influenced.Contains(d.Id), newLogos.Contains(d.Id), d.PaidOn, registeredAt);
        }).ToList();

        var certifications = await db.CertificationChanges.AsNoTracking().Where(c => c.Kind == CertificationEventKind.Earned)
            .Select(c => new CertificationEarned(c.Person!.PartnerId, c.PersonId, c.CertificationId, c.On)).ToListAsync(ct);

        var rates = new ExchangeRates(program.Currency);
        foreach (var rate in await db.ExchangeRates.AsNoTracking().ToListAsync(ct))
            rates.Add(rate.Currency, rate.From, rate.Rate);

        var facts = IncentiveFacts.Build(partners, deals, certifications.Where(c => ids.Contains(c.PartnerId)), rates);
        return new IncentiveInputs(facts, await TiersInForceAsync(db, program, period, ct), await TargetsAsync(db, program, period, ct))
        {
            PipelineDeals = pipelineDeals,
        };
    }

    /// <summary>The tier each partner held at the period's start (see the remarks); partners never changed are on their stored tier.</summary>
    static async Task<IReadOnlyDictionary<Guid, string>> TiersInForceAsync(AccrueDb db, ProgramDefinition program, Period period, CancellationToken ct)
    {
        var changes = await db.TierChanges.AsNoTracking().Select(c => new { c.PartnerId, c.FromTierId, c.ToTierId, c.Period, c.DecidedAt }).ToListAsync(ct);
        var start = new DateTimeOffset(period.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        bool InForceBy(string? evaluated, DateTimeOffset decidedAt) =>
            decidedAt < start || evaluated is not null && program.Calendar.TryParse(evaluated, out var p) && p.End <= period.Start;

        var tiers = (await db.PartnerTiers.AsNoTracking().Select(t => new { t.PartnerId, t.TierId }).ToListAsync(ct))
            .ToDictionary(t => t.PartnerId, t => t.TierId);
        foreach (var partner in changes.GroupBy(c => c.PartnerId))
        {
            var ordered = partner.OrderBy(c => c.DecidedAt).ToList();
            var before = ordered.LastOrDefault(c => InForceBy(c.Period, c.DecidedAt));
            // Only changes after the start: the partner held the tier the first of them moved it from.
            tiers[partner.Key] = before?.ToTierId ?? ordered[0].FromTierId;
        }
        return tiers;
    }

    /// <summary>Targets of the period, in the program currency's major units.</summary>
    static async Task<IReadOnlyDictionary<Guid, decimal>> TargetsAsync(AccrueDb db, ProgramDefinition program, Period period, CancellationToken ct)
    {
        var perMajor = Currency.Of(program.Currency).MinorPerMajor;
        return (await db.PartnerTargets.AsNoTracking().Where(t => t.Period == period.Name && t.Currency == program.Currency)
                .Select(t => new { t.PartnerId, t.AmountMinor }).ToListAsync(ct))
            .ToDictionary(t => t.PartnerId, t => t.AmountMinor / (decimal)perMajor);
    }
}
