// The period's facts as the metrics and, later, the incentive rules read them, and the metric
// values computed from them. One snapshot serves tier evaluation, what-if and the calculation.
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Engine.Metrics;

public enum DealOutcome : byte { Open, Won, Lost }

/// <summary>One deal as the metrics read it; dates are calendar dates in the program's time zone.</summary>
/// <param name="AmountMinor">The actual amount when won, else the estimate, in the deal's currency.</param>
/// <param name="RegistrationApproved">registered_deals counts only approved registrations.</param>
/// <param name="QualifiedOn">The day the deal first reached Qualified or a later stage.</param>
/// <param name="ReversedOn">The day a won deal was cancelled or refunded; it stops counting as won from then.</param>
public readonly record struct DealFact(
    Guid DealId, Guid PartnerId, long AmountMinor, string Currency, DateOnly RegisteredOn, bool RegistrationApproved,
    DateOnly? QualifiedOn, DealOutcome Outcome, DateOnly? ClosedOn, DateOnly? ReversedOn = null);

/// <summary>A period in which one of the partner's people held a certification: valid on [ValidFrom, ValidUntil).</summary>
public readonly record struct CertificationFact(
    Guid PartnerId, Guid PersonId, Guid CertificationId, CertificationTrack Track, DateOnly ValidFrom, DateOnly ValidUntil);

public enum ActivityKind : byte { CertificationEarned, TrainingCompletion, MarketingActivity, BusinessReview }

/// <summary>Something the partner did on a day; for CertificationEarned, Subject is the certification.</summary>
public readonly record struct ActivityFact(Guid PartnerId, ActivityKind Kind, DateOnly On, Guid? Subject = null);

/// <summary>Program-currency units per one unit of another currency, from a date on (the latest on or before a day applies).</summary>
/// <remarks>No inversion or triangulation: a rate is read only as it was given. Add everything before reading from several threads.</remarks>
public sealed class ExchangeRates(string programCurrency)
{
    readonly Dictionary<string, SortedList<DateOnly, decimal>> byCurrency = new(StringComparer.Ordinal);

    public string ProgramCurrency { get; } = programCurrency;

    /// <summary>Sets the rate from a day on; a second rate for the same currency and day replaces the first.</summary>
    public void Add(string currency, DateOnly from, decimal rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        if (currency == ProgramCurrency) throw new ArgumentException($"{currency} is the program currency; its rate is always 1.", nameof(currency));
        if (!byCurrency.TryGetValue(currency, out var rates)) byCurrency[currency] = rates = [];
        rates[from] = rate;
    }

    /// <summary>The rate on a day: 1 for the program currency, null when no rate is known on or before it.</summary>
    public decimal? RateOn(string currency, DateOnly day)
    {
        if (currency == ProgramCurrency) return 1m;
        if (!byCurrency.TryGetValue(currency, out var rates)) return null;
        var (low, high) = (0, rates.Count - 1);   // the last rate dated on or before the day
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (rates.Keys[middle] <= day) low = middle + 1; else high = middle - 1;
        }
        return high < 0 ? null : rates.Values[high];
    }
}

/// <summary>A won deal whose revenue cannot be converted; the message names the currency, the date and the deal.</summary>
public sealed class MissingExchangeRateException(string currency, DateOnly day, Guid dealId)
    : Exception($"No {currency} exchange rate on or before {day:yyyy-MM-dd} to convert deal {dealId}.")
{
    public string Currency { get; } = currency;
    public DateOnly Day { get; } = day;
    public Guid DealId { get; } = dealId;
}

/// <summary>The facts of a set of partners as columns grouped by partner; built once, read by many passes.</summary>
/// <remarks>
/// Built by <see cref="Build"/> (ProgramFacts.Build.cs), read by <see cref="Measure(int, Metric, TrailingWindow, DateOnly, CertificationTrack?)"/>
/// (ProgramFacts.Measure.cs). Immutable once built, so any number of threads may read it.
/// </remarks>
public sealed partial class ProgramFacts
{
    /// <summary>Partners in index order; facts of partners not listed are ignored.</summary>
    public IReadOnlyList<Guid> Partners => partners;

    /// <summary>The partner's index in <see cref="Partners"/>, or -1 when it is not one of them (it then has no facts).</summary>
    public int IndexOf(Guid partner) => indexOf.TryGetValue(partner, out var index) ? index : -1;
}

/// <summary>A metric's value, or why it has none ("no closed deals").</summary>
/// <param name="Value">Money in the program currency's major units (exact), counts, percent for win_rate and growth, days.</param>
public readonly record struct MetricValue(decimal? Value, string? UndefinedReason)
{
    public static MetricValue Of(decimal value) => new(value, null);
    public static MetricValue Undefined(string reason) => new(null, reason);
    public bool IsDefined => Value.HasValue;
}

/// <summary>What each metric is called in files and how it reads.</summary>
public static class MetricNames
{
    static readonly string[] Names =
    [
        "won_revenue", "won_deals", "registered_deals", "qualified_opportunities", "win_rate", "avg_days_to_close", "growth",
        "certified_people", "distinct_certifications", "training_completions", "marketing_activities", "business_reviews",
    ];

    static readonly string[] Labels =
    [
        "won revenue", "won deals", "registered deals", "qualified opportunities", "win rate", "average days to close", "growth",
        "certified people", "distinct certifications", "training completions", "marketing activities", "business reviews",
    ];

    /// <summary>"won_revenue".</summary>
    public static string Of(Metric metric) => Names[(int)metric];

    /// <summary>"won revenue": the metric in a sentence.</summary>
    public static string Label(Metric metric) => Labels[(int)metric];

    public static bool TryParse(string? name, out Metric metric)
    {
        var index = name is null ? -1 : Array.IndexOf(Names, name);
        metric = index < 0 ? default : (Metric)index;
        return index >= 0;
    }

    public static IReadOnlyList<string> All => Names;

    /// <summary>avg_days_to_close: a criterion on it passes at or below its threshold.</summary>
    public static bool LowerIsBetter(Metric metric) => metric == Metric.AvgDaysToClose;
}
