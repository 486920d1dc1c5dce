using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Engine.Training;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Accrue.Engine.Tests.Tiers.A;

namespace Accrue.Engine.Tests.Tiers;

/// <summary>Laws over random ladders on won revenue, won deals and certified people, and random partner states.</summary>
public class TierEvaluationPropertyTests
{
    static readonly Gen<TierCriterion> Criteria =
        from metric in Gen.Elements(Metric.WonRevenue, Metric.WonDeals, Metric.CertifiedPeople)
        from threshold in Gen.Choose(0, 12)
        select new TierCriterion(metric, metric == Metric.WonRevenue ? threshold * 10_000m : threshold, Year);

    static readonly Gen<ProgramDefinition> Programs =
        from tiers in Gen.Choose(1, 5)
        from ladder in Gen.ListOf(Gen.NonEmptyListOf(Criteria).Select(c => c.Take(3).ToArray()), tiers)
        from atLeast in Gen.ListOf(Gen.Choose(0, 3), tiers)
        from grace in Gen.Choose(0, 2)
        from softReset in Gen.Elements(true, false)
        select Definition(grace, softReset) with
        {
            Tiers = [Tier("Entry"), .. ladder.Select((criteria, i) => new TierDefinition
            {
                Id = $"t{i + 1}", Name = $"T{i + 1}", Criteria = criteria, AtLeast = atLeast[i] is > 0 and var n && n <= criteria.Length ? n : null,
            })],
        };

    /// <summary>Won revenue in tens of thousands, won deals, certified people.</summary>
    static readonly Gen<(int Revenue, int Deals, int People)> Amounts =
        from revenue in Gen.Choose(0, 15)
        from deals in Gen.Choose(1, 15)
        from people in Gen.Choose(0, 15)
        select (revenue, deals, people);

    /// <summary>A tier position (cut to the ladder), a grace count so far, a join date before or within the ramp.</summary>
    static readonly Gen<(int Tier, int Grace, string Joined)> States =
        from tier in Gen.Choose(0, 5)
        from grace in Gen.Choose(0, 3)
        from joined in Gen.Elements("2020-01-01", "2026-06-01")
        select (tier, grace, joined);

    static ProgramFacts FactsOf((int Revenue, int Deals, int People) x) => Facts(x.Revenue * 10_000m, x.People, x.Revenue > 0 ? x.Deals : 1);

    [Property(MaxTest = 300)]
    public Property More_revenue_deals_or_certified_people_never_lower_the_qualifying_tier() =>
        Prop.ForAll(Programs.ToArbitrary(), Amounts.ToArbitrary(), Amounts.ToArbitrary(), (program, less, extra) =>
        {
            var more = (less.Revenue + extra.Revenue, less.Revenue == 0 ? extra.Deals : less.Deals + (extra.Revenue > 0 ? extra.Deals : 0), less.People + extra.People);
            if (less.Revenue == 0 && extra.Revenue == 0) more.Item2 = 1;
            int Position(ProgramFacts facts) => program.Tiers.ToList().FindIndex(t => t.Id == Evaluate(On("entry"), facts, program).QualifyingTierId);
            return (Position(FactsOf(less)) <= Position(FactsOf(more))).Classify(Position(FactsOf(less)) > 0, "qualifies above entry");
        });

    [Property(MaxTest = 300)]
    public Property Under_soft_reset_one_evaluation_moves_down_at_most_one_level_and_never_below_qualifying() =>
        Prop.ForAll(Programs.Select(p => p with { Evaluation = p.Evaluation with { SoftReset = true } }).ToArbitrary(), Amounts.ToArbitrary(), States.ToArbitrary(),
            (program, amounts, state) =>
            {
                var (tier, grace, joined) = state;
                var tiers = program.Tiers.ToList();
                var current = Math.Min(tier, tiers.Count - 1);
                var decision = Evaluate(On(tiers[current].Id, grace, joined), FactsOf(amounts), program);
                var (after, qualifying) = (tiers.FindIndex(t => t.Id == decision.NewTierId), tiers.FindIndex(t => t.Id == decision.QualifyingTierId));
                return (after >= current - 1 && after >= Math.Min(current, qualifying)).Classify(after < current, "demoted");
            });

    [Property(MaxTest = 200)]
    public Property A_partner_is_never_demoted_during_its_ramp_nor_while_locked() =>
        Prop.ForAll(Programs.ToArbitrary(), Amounts.ToArbitrary(), States.ToArbitrary(),
            (program, amounts, state) =>
            {
                var (tier, grace, _) = state;
                var current = program.Tiers[Math.Min(tier, program.Tiers.Count - 1)].Id;
                var ramping = Evaluate(On(current, grace, joined: "2026-06-01"), FactsOf(amounts), program);
                var locked = Evaluate(On(current, grace, lockedUntil: "2027-01-01"), FactsOf(amounts), program);
                return ramping.Kind != TierDecisionKind.Demote && ramping.Kind != TierDecisionKind.Grace
                       && locked.NextState == On(current, grace, lockedUntil: "2027-01-01");
            });
}
