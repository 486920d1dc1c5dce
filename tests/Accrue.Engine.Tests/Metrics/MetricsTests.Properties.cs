using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Accrue.Engine.Tests.Metrics.A;

namespace Accrue.Engine.Tests.Metrics;

/// <summary>The columns agree with a plain reading of the facts, and with the training engine's own metrics.</summary>
public class MetricsPropertyTests
{
    static readonly DateOnly First = Day("2025-01-01");

    static readonly Gen<DealFact> Deals =
        from partner in Gen.Elements(Acme, Birch)
        from registered in Gen.Choose(0, 700)
        from outcome in Gen.Elements(DealOutcome.Open, DealOutcome.Won, DealOutcome.Lost)
        from days in Gen.Choose(0, 200)
        from reversed in Gen.Choose(-1, 300)
        from amount in Gen.Choose(1, 5_000_000)
        from approved in Gen.Elements(true, false)
        select new DealFact(Guid.NewGuid(), partner, amount, "USD", First.AddDays(registered), approved, First.AddDays(registered + days / 2),
                            outcome, outcome == DealOutcome.Open ? null : First.AddDays(registered + days),
                            outcome == DealOutcome.Won && reversed >= 0 ? First.AddDays(registered + days + reversed) : null);

    static readonly Gen<(DateOnly End, TrailingWindow Window)> Windows =
        from months in Gen.Choose(0, 30)
        from length in Gen.Choose(1, 12)
        select (new DateOnly(2025, 3, 1).AddMonths(months), new TrailingWindow(length, PeriodUnit.Month));

    [Property(MaxTest = 300)]
    public Property Deal_metrics_agree_with_a_plain_reading_of_the_deals() =>
        Prop.ForAll(Gen.ListOf(Deals).ToArbitrary(), Windows.ToArbitrary(), (deals, at) =>
        {
            var facts = Facts(deals);
            var window = at.Window.EndingAt(at.End);
            var mine = deals.Where(d => d.PartnerId == Acme).ToList();
            var closed = mine.Where(d => d.ClosedOn is { } c && window.Contains(c)).ToList();
            var won = closed.Where(d => d.Outcome == DealOutcome.Won && !(d.ReversedOn < at.End)).ToList();
            decimal? rate = closed.Count == 0 ? null : won.Count * 100m / closed.Count;
            decimal? days = won.Count == 0 ? null : won.Sum(d => (decimal)(d.ClosedOn!.Value.DayNumber - d.RegisteredOn.DayNumber)) / won.Count;
            MetricValue Of(Metric metric) => facts.Measure(Acme, metric, at.Window, at.End);
            return Of(Metric.WonRevenue).Value == won.Sum(d => d.AmountMinor / 100m)
                   && Of(Metric.WonDeals).Value == won.Count
                   && Of(Metric.WinRate).Value == rate
                   && Of(Metric.AvgDaysToClose).Value == days
                   && Of(Metric.RegisteredDeals).Value == mine.Count(d => d.RegistrationApproved && window.Contains(d.RegisteredOn))
                   && Of(Metric.QualifiedOpportunities).Value == mine.Count(d => window.Contains(d.QualifiedOn!.Value));
        });

    static readonly Gen<CertificationFact> Periods =
        from person in Gen.Elements(Ana, Ben, Id(0xc1c))
        from track in Gen.Elements(Enum.GetValues<CertificationTrack>())
        from start in Gen.Choose(0, 700)
        from days in Gen.Choose(1, 400)
        select new CertificationFact(Acme, person, SalesCertification, track, First.AddDays(start), First.AddDays(start + days));

    [Property(MaxTest = 300)]
    public Property Certified_people_agree_with_the_training_engine() =>
        Prop.ForAll(Gen.ListOf(Periods).ToArbitrary(), Windows.ToArbitrary(), Gen.Elements<CertificationTrack?>(null, CertificationTrack.Sales).ToArbitrary(),
            (periods, at, track) =>
            {
                var training = periods.Select(p => new CertificationPeriod(p.PersonId, p.CertificationId, p.Track, p.ValidFrom, p.ValidUntil));
                return Facts(certifications: periods).Measure(Acme, Metric.CertifiedPeople, at.Window, at.End, track).Value
                       == TrainingMetrics.CertifiedPeople(training, at.Window.EndingAt(at.End), track);
            });
}
