using System.Globalization;
using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Engine.Tests.Tiers;

/// <summary>
/// A USD program evaluated quarterly as of 2026-10-01 (the end of 2026-Q3) over the trailing 4 quarters:
/// Registered; Silver at $100,000 won revenue; Gold at $250,000 and 2 certified people; Platinum at
/// $1,000,000 and 3 certified people. Grace 1, soft reset, ramp 6 months. Tests change what they are about with `with`.
/// </summary>
static class A
{
    public static readonly Guid Acme = Id(0xac);
    public static readonly DateOnly EndOfQ3 = Day("2026-10-01");
    public static readonly TrailingWindow Year = new(4, PeriodUnit.Quarter);

    public static TierCriterion Revenue(decimal atLeast) => new(Metric.WonRevenue, atLeast, Year);
    public static TierCriterion People(decimal atLeast) => new(Metric.CertifiedPeople, atLeast, Year);

    public static TierDefinition Tier(string name, params TierCriterion[] criteria) =>
        new() { Id = name.ToLowerInvariant(), Name = name, Criteria = criteria };

    public static ProgramDefinition Definition(int grace = 1, bool softReset = true, int rampMonths = 6) => new()
    {
        Name = "Partners 2026",
        Tiers =
        [
            Tier("Registered"),
            Tier("Silver", Revenue(100_000)),
            Tier("Gold", Revenue(250_000), People(2)),
            Tier("Platinum", Revenue(1_000_000), People(3)),
        ],
        Evaluation = new EvaluationPolicy { GraceEvaluations = grace, SoftReset = softReset, RampMonths = rampMonths },
    };

    /// <summary>Acme on a tier, a long-standing partner unless said otherwise.</summary>
    public static PartnerTierState On(string tier, int grace = 0, string joined = "2020-01-01", string? lockedUntil = null, Guid? partner = null) =>
        new(partner ?? Acme, tier, grace, Day(joined), lockedUntil is null ? null : Day(lockedUntil));

    /// <summary>Won revenue in one deal closed in Q3 and people certified all of 2026.</summary>
    public static ProgramFacts Facts(decimal revenue = 0, int people = 0, int deals = 1, Guid? partner = null, IEnumerable<DealFact>? more = null)
    {
        var who = partner ?? Acme;
        var won = Enumerable.Range(0, revenue > 0 ? deals : 0).Select(i =>
            new DealFact(Guid.NewGuid(), who, (long)(revenue * 100) / deals + (i == 0 ? (long)(revenue * 100) % deals : 0), "USD",
                         Day("2026-07-01"), true, null, DealOutcome.Won, Day("2026-09-01")));
        var held = Enumerable.Range(0, people).Select(i =>
            new CertificationFact(who, Guid.NewGuid(), Id(0xce), CertificationTrack.Sales, Day("2026-01-01"), Day("2027-01-01")));
        return ProgramFacts.Build([who], won.Concat(more ?? []), held, [], new ExchangeRates("USD"));
    }

    public static TierDecision Evaluate(PartnerTierState state, ProgramFacts facts, ProgramDefinition? program = null, DateOnly? on = null) =>
        TierEvaluation.Evaluate(program ?? Definition(), on ?? EndOfQ3, [state], facts).Single();

    public static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Guid Id(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:x12}");
}
