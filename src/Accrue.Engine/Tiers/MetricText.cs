using System.Globalization;
using Accrue.Engine.Metrics;
using Accrue.Engine.Money;
using Accrue.Engine.Program;

namespace Accrue.Engine.Tiers;

/// <summary>Metric values and shortfalls in words, money in the program currency: "$42,000 more won revenue", "1 more certified person".</summary>
sealed class MetricText(string currency)
{
    /// <summary>"Won revenue", "Certified people (Sales track)".</summary>
    public string Label(TierCriterion criterion)
    {
        var label = MetricNames.Label(criterion.Metric);
        var track = criterion is { Metric: Metric.CertifiedPeople, Track: { } t } ? $" ({t} track)" : "";
        return char.ToUpperInvariant(label[0]) + label[1..] + track;
    }

    /// <summary>"$158,000", "35%", "48.5 days", "3".</summary>
    public string Value(Metric metric, decimal value) => metric switch
    {
        Metric.WonRevenue => MoneyText.Format(value, currency),
        Metric.WinRate or Metric.Growth => Number(value) + "%",
        Metric.AvgDaysToClose => Number(value) + " days",
        _ => Number(value),
    };

    /// <summary>What a failed criterion still needs, for an actual value that is defined.</summary>
    public string Missing(TierCriterion criterion, decimal actual)
    {
        var shortfall = criterion.Threshold - actual;
        var more = (int)decimal.Ceiling(shortfall);
        var track = criterion.Track is { } t ? $" ({t} track)" : "";
        return criterion.Metric switch
        {
            Metric.WonRevenue => $"{MoneyText.FormatShortfall(shortfall, currency)} more won revenue",
            Metric.WinRate => $"win rate {Value(criterion.Metric, actual)} of {Value(criterion.Metric, criterion.Threshold)} needed",
            Metric.Growth => $"growth {Value(criterion.Metric, actual)} of {Value(criterion.Metric, criterion.Threshold)} needed",
            Metric.AvgDaysToClose => $"{Number(-shortfall)} fewer day{(-shortfall == 1 ? "" : "s")} to close on average",
            Metric.WonDeals => Count(more, "won deal", "won deals"),
            Metric.RegisteredDeals => Count(more, "registered deal", "registered deals"),
            Metric.QualifiedOpportunities => Count(more, "qualified opportunity", "qualified opportunities"),
            Metric.CertifiedPeople => Count(more, "certified person", "certified people") + track,
            Metric.DistinctCertifications => Count(more, "certification earned", "different certifications earned"),
            Metric.TrainingCompletions => Count(more, "training completion", "training completions"),
            Metric.MarketingActivities => Count(more, "marketing activity", "marketing activities"),
            Metric.BusinessReviews => Count(more, "business review", "business reviews"),
            _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion.Metric, "Unknown metric."),
        };
    }

    static string Count(int n, string one, string many) => $"{n} more {(n == 1 ? one : many)}";

    /// <summary>At most one decimal: "35", "66.7", "-12.5".</summary>
    static string Number(decimal value) =>
        decimal.Round(value, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", CultureInfo.InvariantCulture);
}
