using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Engine.Metrics;

public sealed partial class ProgramFacts
{
    public const string NoClosedDeals = "no closed deals in the window";
    public const string NoWonDeals = "no won deals in the window";
    public const string NoPreviousRevenue = "no won revenue in the previous window";

    /// <summary>A metric of a partner over the trailing window ending at the evaluation date (exclusive).</summary>
    /// <param name="partner">An index into <see cref="Partners"/>; -1 (see <see cref="IndexOf"/>) is a partner with no facts.</param>
    /// <param name="evaluationDate">The window's end, and the day before which reversals count.</param>
    /// <param name="track">certified_people only: count certifications of this track alone.</param>
    /// <remarks>
    /// Units: money in the program currency's major units, exact; win_rate and growth in percent
    /// (40 is 40 %); avg_days_to_close in days. growth compares with the previous window of the
    /// same number of calendar months, [end − 2n months, end − n months).
    /// </remarks>
    public MetricValue Measure(int partner, Metric metric, TrailingWindow window, DateOnly evaluationDate, CertificationTrack? track = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partner, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partner, partners.Length);
        var (from, to, asOf) = (evaluationDate.AddMonths(-window.Months).DayNumber, evaluationDate.DayNumber, evaluationDate.DayNumber);
        switch (metric)
        {
            case Metric.WonRevenue: return MetricValue.Of(won.In(partner, from, to, asOf).Revenue);
            case Metric.WonDeals: return MetricValue.Of(won.In(partner, from, to, asOf).Count);
            case Metric.RegisteredDeals: return MetricValue.Of(registered.Count(partner, from, to));
            case Metric.QualifiedOpportunities: return MetricValue.Of(qualified.Count(partner, from, to));
            case Metric.WinRate:
                var closing = won.In(partner, from, to, asOf);
                var closed = closing.Count + closing.Reversed + lost.Count(partner, from, to);
                return closed == 0 ? MetricValue.Undefined(NoClosedDeals) : MetricValue.Of(closing.Count * 100m / closed);
            case Metric.AvgDaysToClose:
                var winning = won.In(partner, from, to, asOf);
                return winning.Count == 0 ? MetricValue.Undefined(NoWonDeals) : MetricValue.Of((decimal)winning.DaysToClose / winning.Count);
            case Metric.Growth:
                var previousFrom = evaluationDate.AddMonths(-2 * window.Months).DayNumber;
                var previous = won.In(partner, previousFrom, from, asOf).Revenue;
                return previous == 0
                    ? MetricValue.Undefined(NoPreviousRevenue)
                    : MetricValue.Of((won.In(partner, from, to, asOf).Revenue / previous - 1m) * 100m);
            case Metric.CertifiedPeople: return MetricValue.Of(held.PeopleCertifiedOn(partner, to - 1, track));
            case Metric.DistinctCertifications: return MetricValue.Of(earned.DistinctIn(partner, from, to));
            case Metric.TrainingCompletions: return MetricValue.Of(completions.Count(partner, from, to));
            case Metric.MarketingActivities: return MetricValue.Of(marketing.Count(partner, from, to));
            case Metric.BusinessReviews: return MetricValue.Of(reviews.Count(partner, from, to));
            default: throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric.");
        }
    }

    /// <summary>The same, for a partner by id; a partner not in <see cref="Partners"/> has no facts.</summary>
    public MetricValue Measure(Guid partner, Metric metric, TrailingWindow window, DateOnly evaluationDate, CertificationTrack? track = null) =>
        Measure(IndexOf(partner), metric, window, evaluationDate, track);
}
