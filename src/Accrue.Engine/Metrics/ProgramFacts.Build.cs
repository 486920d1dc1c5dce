using Accrue.Engine.Money;

namespace Accrue.Engine.Metrics;

public sealed partial class ProgramFacts
{
    readonly Guid[] partners;
    readonly Dictionary<Guid, int> indexOf;

    readonly WonDeals won;
    readonly DayColumn lost;
    readonly DayColumn registered;
    readonly DayColumn qualified;
    readonly HeldCertifications held;
    readonly EarnedCertifications earned;
    readonly DayColumn completions;
    readonly DayColumn marketing;
    readonly DayColumn reviews;

    ProgramFacts(Guid[] partners, Dictionary<Guid, int> indexOf, WonDeals won, DayColumn lost, DayColumn registered, DayColumn qualified,
                 HeldCertifications held, EarnedCertifications earned, DayColumn completions, DayColumn marketing, DayColumn reviews) =>
        (this.partners, this.indexOf, this.won, this.lost, this.registered, this.qualified, this.held, this.earned, this.completions, this.marketing, this.reviews) =
        (partners, indexOf, won, lost, registered, qualified, held, earned, completions, marketing, reviews);

    /// <summary>Converts won deals' amounts at their close date; throws <see cref="MissingExchangeRateException"/> when it cannot.</summary>
    /// <remarks>
    /// One pass over each source; nothing of a deal is kept but the days and the converted amount
    /// the metrics read. A won or lost deal must have a close date; a CertificationEarned activity
    /// must name its certification (Subject).
    /// </remarks>
    public static ProgramFacts Build(
        IReadOnlyList<Guid> partners, IEnumerable<DealFact> deals, IEnumerable<CertificationFact> certifications,
        IEnumerable<ActivityFact> activities, ExchangeRates rates)
    {
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(rates);
        var ids = partners.ToArray();
        var indexOf = new Dictionary<Guid, int>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
            if (!indexOf.TryAdd(ids[i], i)) throw new ArgumentException($"Partner {ids[i]} is listed twice.", nameof(partners));

        var wonBuilder = new WonDeals.Builder(rates);
        PartnerRows lostRows = new(), registeredRows = new(), qualifiedRows = new();
        foreach (var deal in deals)
        {
            if (!indexOf.TryGetValue(deal.PartnerId, out var p)) continue;
            if (deal.RegistrationApproved) registeredRows.Add(p, deal.RegisteredOn.DayNumber);
            if (deal.QualifiedOn is { } qualifiedOn) qualifiedRows.Add(p, qualifiedOn.DayNumber);
            if (deal.Outcome == DealOutcome.Open) continue;
            var closedOn = deal.ClosedOn ?? throw new ArgumentException($"Deal {deal.DealId} is {deal.Outcome} but has no close date.", nameof(deals));
            if (deal.Outcome == DealOutcome.Won) wonBuilder.Add(p, deal, closedOn);
            else lostRows.Add(p, closedOn.DayNumber);
        }

        var heldBuilder = new HeldCertifications.Builder();
        foreach (var certification in certifications)
            if (indexOf.TryGetValue(certification.PartnerId, out var p)) heldBuilder.Add(p, certification);

        var earnedBuilder = new EarnedCertifications.Builder();
        PartnerRows completionRows = new(), marketingRows = new(), reviewRows = new();
        foreach (var activity in activities)
        {
            if (!indexOf.TryGetValue(activity.PartnerId, out var p)) continue;
            var day = activity.On.DayNumber;
            switch (activity.Kind)
            {
                case ActivityKind.CertificationEarned: earnedBuilder.Add(p, activity); break;
                case ActivityKind.TrainingCompletion: completionRows.Add(p, day); break;
                case ActivityKind.MarketingActivity: marketingRows.Add(p, day); break;
                case ActivityKind.BusinessReview: reviewRows.Add(p, day); break;
            }
        }

        var n = ids.Length;
        return new ProgramFacts(ids, indexOf, wonBuilder.Build(n), DayColumn.From(lostRows, n), DayColumn.From(registeredRows, n),
                                DayColumn.From(qualifiedRows, n), heldBuilder.Build(n), earnedBuilder.Build(n),
                                DayColumn.From(completionRows, n), DayColumn.From(marketingRows, n), DayColumn.From(reviewRows, n));
    }

    /// <summary>A deal's amount in the program currency: minor units to major, times the rate of the close date, exact.</summary>
    sealed class Conversion(ExchangeRates rates)
    {
        readonly Dictionary<string, long> minorPerMajor = new(StringComparer.Ordinal);

        public decimal Convert(in DealFact deal, DateOnly closedOn)
        {
            var rate = rates.RateOn(deal.Currency, closedOn) ?? throw new MissingExchangeRateException(deal.Currency, closedOn, deal.DealId);
            if (!minorPerMajor.TryGetValue(deal.Currency, out var divisor))
                minorPerMajor[deal.Currency] = divisor = Currency.Of(deal.Currency).MinorPerMajor;
            var amount = (decimal)deal.AmountMinor / divisor;
            return rate == 1m ? amount : amount * rate;
        }
    }
}
