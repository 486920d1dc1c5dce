using Accrue.Engine.Training;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Accrue.Engine.Tests.Training.A;
using Accrue.Engine.Time;

namespace Accrue.Engine.Tests.Training;

/// <summary>Laws of the metrics and of expiries, over random periods and completions of three people in two years.</summary>
public partial class TrainingMetricsTests
{
    static readonly DateOnly First = Day("2026-01-01");

    static readonly Gen<CertificationPeriod> Periods =
        from person in Gen.Elements(Ana, Ben, Cho)
        from track in Gen.Elements(Enum.GetValues<CertificationTrack>())
        from certification in Gen.Elements(SalesCertification, TechCertification)
        from start in Gen.Choose(0, 700)
        from days in Gen.Choose(1, 400)
        select new CertificationPeriod(person, certification, track, First.AddDays(start), First.AddDays(start + days));

    static readonly Gen<DateWindow> Windows =
        from start in Gen.Choose(0, 800)
        from days in Gen.Choose(1, 200)
        select new DateWindow(First.AddDays(start), First.AddDays(start + days));

    [Property(MaxTest = 500)]
    public Property Certified_people_never_exceed_the_distinct_people_and_one_track_never_exceeds_all() =>
        Prop.ForAll(Gen.ListOf(Periods).ToArbitrary(), Windows.ToArbitrary(), (periods, window) =>
        {
            var all = TrainingMetrics.CertifiedPeople(periods, window);
            var byTrack = Enum.GetValues<CertificationTrack>().Select(t => TrainingMetrics.CertifiedPeople(periods, window, t)).ToList();
            return (all <= periods.Select(p => p.PersonId).Distinct().Count() && byTrack.All(n => n <= all) && all <= byTrack.Sum())
                .Classify(all > 0, "someone certified");
        });

    [Property(MaxTest = 500)]
    public Property Certified_people_are_those_with_a_period_valid_on_the_last_day() =>
        Prop.ForAll(Gen.ListOf(Periods).ToArbitrary(), Windows.ToArbitrary(), (periods, window) =>
            TrainingMetrics.CertifiedPeople(periods, window)
            == periods.Where(p => p.ValidFrom < window.End && window.End <= p.ValidUntil).Select(p => p.PersonId).Distinct().Count());

    [Property(MaxTest = 500)]
    public Property Completions_in_two_adjacent_windows_add_up_to_those_in_both() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 800)).ToArbitrary(), Gen.Choose(1, 300).ToArbitrary(), Gen.Choose(1, 300).ToArbitrary(),
            (days, first, second) =>
            {
                var completions = days.Select(d => Done(Foundations, $"{First.AddDays(d):yyyy-MM-dd}")).ToList();
                var (start, middle, end) = (First.AddDays(100), First.AddDays(100 + first), First.AddDays(100 + first + second));
                return TrainingMetrics.TrainingCompletions(completions, new(start, middle)) + TrainingMetrics.TrainingCompletions(completions, new(middle, end))
                       == TrainingMetrics.TrainingCompletions(completions, new(start, end));
            });

    [Property(MaxTest = 500)]
    public Property Expiries_are_valid_today_soonest_first_and_a_longer_horizon_only_adds() =>
        Prop.ForAll(Gen.ListOf(Periods).ToArbitrary(), Gen.Choose(0, 800).ToArbitrary(), Gen.Choose(0, 120).ToArbitrary(), (periods, today, days) =>
        {
            var day = First.AddDays(today);
            var soon = Expiries.EndingWithin(periods, day, days);
            var later = Expiries.EndingWithin(periods, day, days + 30);
            return soon.All(p => CertificationValidity.IsValidOn(p, day) && p.ValidUntil <= day.AddDays(days))
                   && soon.Zip(soon.Skip(1)).All(pair => pair.First.ValidUntil <= pair.Second.ValidUntil)
                   && soon.All(later.Contains)
                   && periods.Count(p => CertificationValidity.IsValidOn(p, day) && p.ValidUntil <= day.AddDays(days)) == soon.Count;
        });
}
