using System.Globalization;
using Accrue.Engine.Metrics;
using Accrue.Engine.Money;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using MudBlazor;

namespace Accrue.Web.Features.Program;

/// <summary>The program definition in words, as the pages show it: "won revenue ≥ $250,000 over trailing 4 quarters".</summary>
public static class ProgramWords
{
    public static string Criterion(TierCriterion criterion, string currency)
    {
        var label = MetricNames.Label(criterion.Metric);
        if (criterion is { Metric: Metric.CertifiedPeople, Track: { } track }) label += $" ({track} track)";
        var sign = MetricNames.LowerIsBetter(criterion.Metric) ? "≤" : "≥";
        return $"{label} {sign} {Value(criterion.Metric, criterion.Threshold, currency)} over {criterion.Window}";
    }

    /// <summary>"$250,000", "35%", "45 days", "3".</summary>
    public static string Value(Metric metric, decimal value, string currency) => metric switch
    {
        Metric.WonRevenue => Currency.TryOf(currency, out _) ? MoneyText.Format(value, currency) : $"{Number(value)} {currency}",
        Metric.WinRate or Metric.Growth => Number(value) + "%",
        Metric.AvgDaysToClose => Number(value) + " days",
        _ => Number(value),
    };

    public static string Combination(TierDefinition tier) =>
        tier.Criteria.Count == 0 ? "Entry tier: every partner starts here"
        : tier.AtLeast is { } n && n < tier.Criteria.Count ? $"at least {n} of {tier.Criteria.Count}"
        : tier.Criteria.Count == 1 ? "this criterion" : "all of";

    /// <summary>"20% discount · rebates × 1.25 · 90 days deal protection · 3% fund accrual · Priority support".</summary>
    public static string Benefits(TierBenefits b)
    {
        var parts = new List<string>();
        if (b.DiscountPercent != 0) parts.Add($"{Number(b.DiscountPercent)}% discount");
        if (b.RebateMultiplier != 1) parts.Add($"rebates × {Number(b.RebateMultiplier)}");
        if (b.DealProtectionDays is { } days) parts.Add($"{days} days deal protection");
        if (b.FundAccrualPercent != 0) parts.Add($"{Number(b.FundAccrualPercent)}% fund accrual");
        if (!string.IsNullOrWhiteSpace(b.SupportLevel)) parts.Add($"{b.SupportLevel} support");
        return parts.Count == 0 ? "No extra benefits" : string.Join(" · ", parts);
    }

    public static string Policy(EvaluationPolicy e)
    {
        var approvals = (e.PromotionsNeedApproval, e.DemotionsNeedApproval) switch
        {
            (true, true) => "promotions and demotions need approval",
            (true, false) => "promotions need approval, demotions apply at once",
            (false, true) => "promotions apply at once, demotions need approval",
            _ => "changes apply without review",
        };
        return $"Evaluated every {Unit(e.Cadence)}; {e.GraceEvaluations} evaluation{(e.GraceEvaluations == 1 ? "" : "s")} of grace below a tier; " +
               $"{(e.SoftReset ? "demoted one level at a time" : "demoted straight to the qualifying tier")}; " +
               $"partners in their first {e.RampMonths} month{(e.RampMonths == 1 ? "" : "s")} are never demoted; {approvals}.";
    }

    public static string Unit(PeriodUnit unit) => unit.ToString().ToLowerInvariant();

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string StateLabel(VersionState state) => state switch
    {
        VersionState.InForce => "In force",
        _ => state.ToString(),
    };

    public static Color StateColor(VersionState state) => state switch
    {
        VersionState.Draft => Color.Warning,
        VersionState.InForce => Color.Success,
        VersionState.Upcoming => Color.Info,
        _ => Color.Default,
    };
}
