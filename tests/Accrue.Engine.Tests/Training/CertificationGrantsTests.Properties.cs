using Accrue.Engine.Training;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Accrue.Engine.Tests.Training.A;

namespace Accrue.Engine.Tests.Training;

/// <summary>
/// Laws of derived histories, over random completions by Ana and Ben of the Sales modules (and one
/// unrelated module) across three and a half years, for certifications valid 1, 3 or 12 months.
/// </summary>
/// <remarks>
/// "Adding a completion never shortens validity on any later day" does NOT hold, and is not claimed:
/// a refresher that keeps a certification from lapsing makes requirements completed during the
/// renewed period count for nothing, where without it they would have earned it again, later and
/// for longer. What holds is that a completion changes nothing before its own day.
/// </remarks>
public partial class CertificationGrantsTests
{
    static readonly DateOnly First = Day("2026-01-01");

    /// <summary>A rule, some completions and an as-of day; Shuffled holds the same completions in another order.</summary>
    public sealed record Case(int ValidMonths, Completion[] Completions, Completion[] Shuffled, DateOnly AsOf)
    {
        public CertificationHistory Derive(IReadOnlyList<Completion>? completions = null, DateOnly? asOf = null) =>
            CertificationGrants.Derive(Sales(ValidMonths), Ana, completions ?? Completions, asOf ?? AsOf, ModuleNames);

        public override string ToString() =>
            $"{ValidMonths} months as of {AsOf:yyyy-MM-dd}: {string.Join(", ", Completions.Select(c => $"{(c.PersonId == Ana ? "Ana" : "Ben")} {ModuleNames[c.ModuleId]} {c.CompletedOn:yyyy-MM-dd}{(c.Score is { } s ? $" ({s})" : "")}"))}";
    }

    static readonly Gen<Completion> Completions =
        from person in Gen.Elements(Ana, Ana, Ana, Ben)
        from module in Gen.Elements(Foundations, Pricing, Exam, Exam, Refresher, Refresher, Unrelated)
        from day in Gen.Choose(0, 1300)
        from score in Gen.Elements<decimal?>(null, 50m, 70m, 95m)
        select new Completion(person, module, First.AddDays(day), score);

    static readonly Gen<Case> Cases =
        from months in Gen.Elements(1, 3, 12)
        from count in Gen.Choose(0, 80)
        from completions in Gen.ArrayOf(Completions, count)
        from shuffled in Gen.Shuffle(completions)
        from asOf in Gen.Choose(200, 1400)
        select new Case(months, completions, shuffled, First.AddDays(asOf));

    static bool ValidOn(CertificationHistory history, DateOnly day) =>
        history.Periods.Any(p => CertificationValidity.IsValidOn(p, day));

    static IEnumerable<DateOnly> Days(DateOnly from, DateOnly until)
    {
        for (var day = from; day < until; day = day.AddDays(1))
            yield return day;
    }

    [Property(MaxTest = 500)]
    public Property Periods_of_one_person_and_certification_never_overlap_and_come_in_order() =>
        Prop.ForAll(Cases.ToArbitrary(), @case =>
        {
            var periods = @case.Derive().Periods;
            var ordered = periods.All(p => p.ValidFrom < p.ValidUntil && p.PersonId == Ana && p.CertificationId == SalesCertification)
                          && periods.Zip(periods.Skip(1)).All(pair => pair.First.ValidUntil <= pair.Second.ValidFrom);
            return ordered.Classify(periods.Count > 1, "several periods").Classify(periods.Count == 0, "never earned");
        });

    [Property(MaxTest = 500)]
    public Property The_history_does_not_depend_on_the_order_of_the_completions() =>
        Prop.ForAll(Cases.ToArbitrary(), @case =>
        {
            var history = @case.Derive();
            var shuffled = @case.Derive(@case.Shuffled);
            return history.Periods.SequenceEqual(shuffled.Periods) && history.Events.SequenceEqual(shuffled.Events);
        });

    [Property(MaxTest = 500)]
    public Property Other_peoples_completions_change_nothing() =>
        Prop.ForAll(Cases.ToArbitrary(), @case =>
        {
            var history = @case.Derive();
            var hers = @case.Derive([.. @case.Completions.Where(c => c.PersonId == Ana)]);
            return history.Periods.SequenceEqual(hers.Periods) && history.Events.SequenceEqual(hers.Events);
        });

    [Property(MaxTest = 300)]
    public Property A_completion_changes_nothing_before_its_own_day() =>
        Prop.ForAll(Cases.ToArbitrary(), Completions.Where(c => c.PersonId == Ana).ToArbitrary(), (@case, extra) =>
        {
            var without = @case.Derive();
            var with = @case.Derive([.. @case.Completions, extra]);
            return Days(First.AddDays(-1), extra.CompletedOn).All(day => ValidOn(with, day) == ValidOn(without, day))
                   && with.Events.Where(e => e.On < extra.CompletedOn).SequenceEqual(without.Events.Where(e => e.On < extra.CompletedOn));
        });

    [Property(MaxTest = 300)]
    public Property Deriving_as_of_a_later_day_never_rewrites_the_past() =>
        Prop.ForAll(Cases.ToArbitrary(), Gen.Choose(0, 400).ToArbitrary(), (@case, moreDays) =>
        {
            var then = @case.Derive();
            var later = @case.Derive(asOf: @case.AsOf.AddDays(moreDays));
            return Days(First.AddDays(-1), @case.AsOf.AddDays(1)).All(day => ValidOn(then, day) == ValidOn(later, day))
                   && later.Events.Where(e => e.On <= @case.AsOf).SequenceEqual(then.Events);
        });

    [Property(MaxTest = 500)]
    public Property Every_period_starts_with_an_earning_or_renewal_and_ends_with_a_lapse_once_as_of_reaches_it() =>
        Prop.ForAll(Cases.ToArbitrary(), @case =>
        {
            var history = @case.Derive();
            // A renewal after a lapse comes straight after the Lapsed event; one before it extends the open period.
            var starts = history.Events.Where((e, i) => e.Kind == CertificationEventKind.Earned
                                                        || (e.Kind == CertificationEventKind.Renewed && i > 0 && history.Events[i - 1].Kind == CertificationEventKind.Lapsed))
                                       .Select(e => e.On);
            var lapses = history.Events.Where(e => e.Kind == CertificationEventKind.Lapsed).Select(e => e.On);
            return starts.SequenceEqual(history.Periods.Select(p => p.ValidFrom))
                   && lapses.SequenceEqual(history.Periods.Where(p => p.ValidUntil <= @case.AsOf).Select(p => p.ValidUntil))
                   && history.Periods.SkipLast(1).All(p => p.ValidUntil <= @case.AsOf)
                   && history.Events.All(e => e.On <= @case.AsOf);
        });
}
