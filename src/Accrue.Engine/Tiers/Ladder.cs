using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Engine.Tiers;

/// <summary>A program's ladder prepared for evaluation: tiers by id and position, and each distinct measure its criteria read.</summary>
/// <remarks>
/// Tiers often share a metric and window with different thresholds ("won revenue over the trailing
/// 4 quarters ≥ 250 k / 1 M / 5 M"): each distinct (metric, window, track) is measured once per partner.
/// </remarks>
sealed class Ladder
{
    readonly Dictionary<string, int> positionOf;

    public IReadOnlyList<TierDefinition> Tiers { get; }
    public IReadOnlyList<Measure> Measures { get; }
    /// <summary>[tier][criterion]: the index into <see cref="Measures"/> of each criterion.</summary>
    public int[][] MeasureOf { get; }

    public Ladder(ProgramDefinition program)
    {
        ArgumentNullException.ThrowIfNull(program);
        Tiers = program.Tiers;
        if (Tiers.Count == 0) throw new ArgumentException($"Program '{program.Name}' has no tiers to evaluate.", nameof(program));
        if (Tiers[0].Criteria.Count > 0)
            throw new ArgumentException($"The entry tier '{Tiers[0].Id}' of program '{program.Name}' has criteria; an entry tier has none.", nameof(program));
        positionOf = Tiers.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        var measures = new List<Measure>();
        MeasureOf = Tiers.Select(tier => tier.Criteria.Select(c =>
        {
            var measure = new Measure(c.Metric, c.Window, c.Metric == Metric.CertifiedPeople ? c.Track : null);
            var index = measures.IndexOf(measure);
            if (index < 0) measures.Add(measure);
            return index < 0 ? measures.Count - 1 : index;
        }).ToArray()).ToArray();
        Measures = measures;
    }

    public int Top => Tiers.Count - 1;

    public bool TryPosition(string tierId, out int position) => positionOf.TryGetValue(tierId, out position);

    /// <summary>Every measure of the ladder for one partner, in <see cref="Measures"/> order.</summary>
    public MetricValue[] MeasureAll(ProgramFacts facts, int partner, DateOnly evaluationDate)
    {
        var values = new MetricValue[Measures.Count];
        for (var m = 0; m < values.Length; m++)
            values[m] = facts.Measure(partner, Measures[m].Metric, Measures[m].Window, evaluationDate, Measures[m].Track);
        return values;
    }

    /// <summary>The highest tier whose criteria pass (all, or at least n); the entry tier when none does.</summary>
    public int Qualifying(MetricValue[] values)
    {
        for (var t = Top; t > 0; t--)
            if (Passes(t, values)) return t;
        return 0;
    }

    public bool Passes(int tier, MetricValue[] values)
    {
        var criteria = Tiers[tier].Criteria;
        var passed = 0;
        for (var c = 0; c < criteria.Count; c++)
            if (CriterionJudgement.Passes(criteria[c], values[MeasureOf[tier][c]])) passed++;
        return passed >= (Tiers[tier].AtLeast ?? criteria.Count);
    }
}

/// <summary>What a criterion reads: a metric over a trailing window, certified_people perhaps of one track.</summary>
readonly record struct Measure(Metric Metric, TrailingWindow Window, CertificationTrack? Track);
