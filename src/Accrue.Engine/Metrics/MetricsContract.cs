// The period's facts as the metrics and, later, the incentive rules read them, and the metric
// values computed from them. One snapshot serves tier evaluation, what-if and the calculation.
using Accrue.Engine.Program;
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
public sealed class ExchangeRates(string programCurrency)
{
    public string ProgramCurrency { get; } = programCurrency;
    public void Add(string currency, DateOnly from, decimal rate) => throw new NotImplementedException();
    /// <summary>The rate on a day: 1 for the program currency, null when no rate is known on or before it.</summary>
    public decimal? RateOn(string currency, DateOnly day) => throw new NotImplementedException();
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
public sealed class ProgramFacts
{
    ProgramFacts() => throw new NotImplementedException();

    /// <summary>Partners in index order; facts of partners not listed are ignored.</summary>
    public IReadOnlyList<Guid> Partners => throw new NotImplementedException();

    /// <summary>Converts won deals' amounts at their close date; throws <see cref="MissingExchangeRateException"/> when it cannot.</summary>
    public static ProgramFacts Build(
        IReadOnlyList<Guid> partners, IEnumerable<DealFact> deals, IEnumerable<CertificationFact> certifications,
        IEnumerable<ActivityFact> activities, ExchangeRates rates) => throw new NotImplementedException();
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
    /// <summary>"won_revenue".</summary>
    public static string Of(Metric metric) => throw new NotImplementedException();
    public static bool TryParse(string? name, out Metric metric) => throw new NotImplementedException();
    public static IReadOnlyList<string> All => throw new NotImplementedException();
    /// <summary>avg_days_to_close: a criterion on it passes at or below its threshold.</summary>
    public static bool LowerIsBetter(Metric metric) => metric == Metric.AvgDaysToClose;
}
