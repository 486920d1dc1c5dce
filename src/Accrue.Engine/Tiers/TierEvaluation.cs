using Accrue.Engine.Metrics;
using Accrue.Engine.Program;

namespace Accrue.Engine.Tiers;

public static partial class TierEvaluation
{
    /// <summary>Partners per unit of parallel work and per progress report.</summary>
    const int ChunkSize = 1024;

    static TierDecision[] EvaluateAll(ProgramDefinition program, DateOnly evaluationDate, IReadOnlyList<PartnerTierState> partners,
                                      ProgramFacts facts, IProgress<int>? partnersDone, int? maxThreads)
    {
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(facts);
        var ladder = new Ladder(program);
        var current = new int[partners.Count];
        for (var i = 0; i < partners.Count; i++)   // checked up front, so the error is not wrapped by Parallel.For
            if (!ladder.TryPosition(partners[i].TierId, out current[i]))
                throw new ArgumentException($"Partner {partners[i].PartnerId} is on tier '{partners[i].TierId}', which program '{program.Name}' does not have.", nameof(partners));

        var text = new MetricText(program.Currency);
        var decisions = new TierDecision[partners.Count];
        var chunks = (partners.Count + ChunkSize - 1) / ChunkSize;
        var done = 0;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxThreads ?? -1 }, chunk =>
        {
            var end = Math.Min(partners.Count, (chunk + 1) * ChunkSize);
            for (var i = chunk * ChunkSize; i < end; i++)
                decisions[i] = EvaluateOne(program, ladder, text, evaluationDate, partners[i], current[i], facts);
            partnersDone?.Report(Interlocked.Add(ref done, end - chunk * ChunkSize));
        });
        return decisions;
    }

    static TierDecision EvaluateOne(ProgramDefinition program, Ladder ladder, MetricText text, DateOnly evaluationDate,
                                    PartnerTierState state, int current, ProgramFacts facts)
    {
        var values = ladder.MeasureAll(facts, facts.IndexOf(state.PartnerId), evaluationDate);
        var qualifying = ladder.Qualifying(values);
        var outcome = TierRules.Decide(state, current, qualifying, evaluationDate, program.Evaluation, ladder.Tiers);
        return new TierDecision(
            state.PartnerId, evaluationDate, outcome.Kind, state.TierId, ladder.Tiers[qualifying].Id, ladder.Tiers[outcome.NewTier].Id,
            program.Evaluation.GraceEvaluations, outcome.NextState, outcome.Explanation,
            tier => Check(ladder, tier, values, text), current, current < ladder.Top ? current + 1 : null, qualifying);
    }

    /// <summary>Every criterion of a tier judged, and a summary: "Meets Gold: 2 of 2 criteria, all needed." / "Misses Gold: 1 of 3 criteria met, at least 2 needed."</summary>
    static TierCheck Check(Ladder ladder, int tier, MetricValue[] values, MetricText text)
    {
        var definition = ladder.Tiers[tier];
        var criteria = definition.Criteria;
        var results = new CriterionResult[criteria.Count];
        for (var c = 0; c < results.Length; c++) results[c] = CriterionJudgement.Judge(criteria[c], values[ladder.MeasureOf[tier][c]], text);
        var passed = ladder.Passes(tier, values);
        var met = results.Count(r => r.Passed);
        var needed = definition.AtLeast is { } n ? $"at least {n} needed" : "all needed";
        var summary = tier == 0 ? $"{definition.Name} is the entry tier: no criteria."
            : passed ? $"Meets {definition.Name}: {met} of {criteria.Count} criteria, {needed}."
            : $"Misses {definition.Name}: {met} of {criteria.Count} criteria met, {needed}.";
        return new TierCheck(definition.Id, definition.Name, passed, results, summary);
    }
}
