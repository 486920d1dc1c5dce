using Accrue.Engine.Metrics;
using Accrue.Engine.Program;

namespace Accrue.Engine.Tiers;

/// <summary>One criterion against a partner's metric: pass or fail, how far along, and what is missing in words.</summary>
/// <remarks>An undefined metric ("no closed deals in the window") fails, whatever the threshold, and says why.</remarks>
static class CriterionJudgement
{
    public static bool Passes(TierCriterion criterion, MetricValue actual) =>
        actual.Value is { } value && (MetricNames.LowerIsBetter(criterion.Metric) ? value <= criterion.Threshold : value >= criterion.Threshold);

    public static CriterionResult Judge(TierCriterion criterion, MetricValue actual, MetricText text)
    {
        var passed = Passes(criterion, actual);
        var lowerIsBetter = MetricNames.LowerIsBetter(criterion.Metric);
        var missing = passed ? null
            : actual.Value is { } value ? text.Missing(criterion, value)
            : actual.UndefinedReason;
        var measured = actual.Value is { } v ? text.Value(criterion.Metric, v) : $"none ({actual.UndefinedReason})";
        var explanation = $"{text.Label(criterion)} over the {criterion.Window}: {measured} against " +
                          $"{(lowerIsBetter ? "at most" : "at least")} {text.Value(criterion.Metric, criterion.Threshold)} — " +
                          (passed ? "met." : $"not met: {missing}.");
        return new CriterionResult(criterion, actual, passed, Progress(criterion, actual, passed), explanation, missing);
    }

    /// <summary>0 to 1 toward the threshold: actual ÷ threshold, or threshold ÷ actual where lower is better.</summary>
    static double Progress(TierCriterion criterion, MetricValue actual, bool passed)
    {
        if (passed) return 1;
        if (actual.Value is not { } value || value <= 0 || criterion.Threshold <= 0) return 0;
        var ratio = MetricNames.LowerIsBetter(criterion.Metric) ? criterion.Threshold / value : value / criterion.Threshold;
        return Math.Clamp((double)ratio, 0, 1);
    }
}
