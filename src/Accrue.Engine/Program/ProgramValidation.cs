using System.Text.RegularExpressions;
using Accrue.Engine.Money;
using Accrue.Engine.Time;

namespace Accrue.Engine.Program;

/// <summary>The rules a definition must keep, whether it came from a file or from the forms.</summary>
/// <remarks>
/// Problems carry the field's path as the file spells it ("tiers[2].criteria[0].window") and no
/// line: the file reader adds lines, the forms light up the field. Every rule is checked, so one
/// pass shows everything to fix.
/// </remarks>
public static partial class ProgramValidation
{
    /// <summary>Metrics that count things: a threshold of 2.5 won deals can only mean a slip.</summary>
    static readonly Metric[] Counts =
    [
        Metric.WonDeals, Metric.RegisteredDeals, Metric.QualifiedOpportunities, Metric.CertifiedPeople,
        Metric.DistinctCertifications, Metric.TrainingCompletions, Metric.MarketingActivities, Metric.BusinessReviews,
    ];

    public static IReadOnlyList<ProgramProblem> Check(ProgramDefinition definition)
    {
        var problems = new List<ProgramProblem>();
        void Problem(string path, string message) => problems.Add(new ProgramProblem(path, message));

        if (string.IsNullOrWhiteSpace(definition.Name)) Problem("name", "the program needs a name");
        if (!Currency.TryOf(definition.Currency, out _))
            Problem("currency", $"'{definition.Currency}' is not an ISO 4217 currency code Accrue knows{FileWords.Suggest(definition.Currency ?? "", Currency.KnownCodes.Order())}");
        if (!IsKnownTimeZone(definition.TimeZone))
            Problem("time_zone", $"'{definition.TimeZone}' is not a known time zone; use an IANA name such as Europe/Berlin or UTC");
        if (definition.FiscalYearStartMonth is < 1 or > 12)
            Problem("fiscal_year_start_month", $"must be a month from 1 (January) to 12, found {definition.FiscalYearStartMonth}");
        if (definition.ChangeNoticeDays < 0) Problem("change_notice_days", "must not be negative");

        var evaluation = definition.Evaluation;
        if (!Enum.IsDefined(evaluation.Cadence)) Problem("evaluation.cadence", "must be month, quarter or year");
        if (evaluation.GraceEvaluations < 0) Problem("evaluation.grace_evaluations", "must not be negative (0: demote at the first evaluation below)");
        if (evaluation.RampMonths < 0) Problem("evaluation.ramp_months", "must not be negative (0: no ramp)");

        if (definition.Tiers.Count == 0) Problem("tiers", "the program needs at least one tier, the entry tier");
        for (var i = 0; i < definition.Tiers.Count; i++) CheckTier(definition.Tiers, i, Problem);
        CheckIncentives(definition, Problem);
        return problems;
    }

    static void CheckTier(IReadOnlyList<TierDefinition> tiers, int i, Action<string, string> problem)
    {
        var tier = tiers[i];
        var at = $"tiers[{i}]";
        if (string.IsNullOrEmpty(tier.Id)) problem($"{at}.id", "every tier needs an id such as 'gold'");
        else if (!Slug().IsMatch(tier.Id))
            problem($"{at}.id", $"'{tier.Id}' is not an id: lowercase letters, digits, '-' and '_', starting with a letter");
        else if (tiers.Take(i).ToList().FindIndex(t => t.Id == tier.Id) is >= 0 and var first)
            problem($"{at}.id", $"'{tier.Id}' is already the id of tiers[{first}]; ids must be unique");

        if (string.IsNullOrWhiteSpace(tier.Name)) problem($"{at}.name", "every tier needs a name such as 'Gold'");
        else if (tiers.Take(i).ToList().FindIndex(t => string.Equals(t.Name?.Trim(), tier.Name.Trim(), StringComparison.OrdinalIgnoreCase)) is >= 0 and var same)
            problem($"{at}.name", $"'{tier.Name}' is already the name of tiers[{same}]; names must be unique");

        if (i == 0 && tier.Criteria.Count > 0)
            problem($"{at}.criteria", "the first tier is the entry tier, where every partner starts: it has no criteria");
        if (i > 0 && tier.Criteria.Count == 0)
            problem($"{at}.criteria", "every tier above the entry tier needs at least one criterion");
        if (tier.AtLeast is { } n && (n < 1 || n > tier.Criteria.Count))
            problem($"{at}.require", $"'at least {n} of' needs n from 1 to the number of criteria ({tier.Criteria.Count})");

        for (var j = 0; j < tier.Criteria.Count; j++) CheckCriterion(tier.Criteria[j], $"{at}.criteria[{j}]", problem);
        CheckBenefits(tier.Benefits, $"{at}.benefits", problem);
    }

    static void CheckCriterion(TierCriterion criterion, string at, Action<string, string> problem)
    {
        if (!Enum.IsDefined(criterion.Metric))
        {
            problem($"{at}.metric", $"unknown metric (expected one of: {string.Join(", ", FileWords.All<Metric>())})");
            return;
        }
        var metric = FileWords.Of(criterion.Metric);
        var threshold = $"{at}.{(Metrics.MetricNames.LowerIsBetter(criterion.Metric) ? "at_most" : "at_least")}";
        if (criterion.Threshold < 0) problem(threshold, "a threshold must not be negative");
        else if (criterion.Metric == Metric.WinRate && criterion.Threshold > 100)
            problem(threshold, "win_rate is in percent: a threshold above 100 can never pass");
        else if (Counts.Contains(criterion.Metric) && criterion.Threshold != decimal.Truncate(criterion.Threshold))
            problem(threshold, $"{metric} counts things: the threshold must be a whole number");
        if (criterion.Window.Count < 1) problem($"{at}.window", "a window covers at least 1 month, quarter or year");
        if (!Enum.IsDefined(criterion.Window.Unit)) problem($"{at}.window", "the unit must be month, quarter or year");
        if (criterion.Track is { } track)
        {
            if (criterion.Metric != Metric.CertifiedPeople) problem($"{at}.track", $"only certified_people has a track, not {metric}");
            else if (!Enum.IsDefined(track)) problem($"{at}.track", "unknown track");
        }
    }

    static void CheckBenefits(TierBenefits benefits, string at, Action<string, string> problem)
    {
        if (benefits.DiscountPercent is < 0 or > 100) problem($"{at}.discount_percent", "must be a percentage from 0 to 100");
        if (benefits.RebateMultiplier <= 0) problem($"{at}.rebate_multiplier", "must be above 0 (1 leaves rebates as the rules set them)");
        if (benefits.DealProtectionDays is < 1) problem($"{at}.deal_protection_days", "must be at least 1 day (leave it out for the program default)");
        if (benefits.FundAccrualPercent is < 0 or > 100) problem($"{at}.fund_accrual_percent", "must be a percentage from 0 to 100");
    }

    static bool IsKnownTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex Slug();
}
