using System.Globalization;

namespace Accrue.Engine.Money;

/// <summary>An amount as an integer count of a currency's minor units (cents for USD, yen for JPY).</summary>
/// <remarks>
/// Integers, not <c>decimal</c>: SQLite cannot sum or compare decimals in SQL, and whole minor units
/// are what a payment actually moves. Rates and conversions are <c>decimal</c> and are rounded once,
/// half away from zero, by <see cref="FromDecimal"/>. Nothing here touches <c>double</c>.
/// </remarks>
public readonly record struct Money(long AmountMinor, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    /// <summary>Rounds a major-unit amount (e.g. 12.345 USD) to the currency's minor unit, half away from zero.</summary>
    public static Money FromDecimal(decimal amount, string currency)
    {
        var minor = decimal.Round(amount * Engine.Money.Currency.Of(currency).MinorPerMajor, 0, MidpointRounding.AwayFromZero);
        return new Money(decimal.ToInt64(minor), currency);
    }

    public decimal ToDecimal() => (decimal)AmountMinor / Engine.Money.Currency.Of(Currency).MinorPerMajor;

    public static Money operator +(Money a, Money b) => new(checked(a.AmountMinor + SameCurrency(a, b).AmountMinor), a.Currency);
    public static Money operator -(Money a, Money b) => new(checked(a.AmountMinor - SameCurrency(a, b).AmountMinor), a.Currency);
    public static Money operator -(Money a) => new(checked(-a.AmountMinor), a.Currency);

    static Money SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");

    /// <summary>Shares the amount out by weights with the largest-remainder method, so the parts add up exactly.</summary>
    /// <remarks>Equal remainders go to the earliest weight: callers order weights by partner id for ties.</remarks>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfZero(weights.Count);
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        var total = weights.Sum(w => (decimal)w);
        if (total == 0) throw new ArgumentException("At least one weight must be positive.", nameof(weights));

        var parts = new long[weights.Count];
        var remainders = new decimal[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = AmountMinor * (decimal)weights[i] / total;
            parts[i] = (long)decimal.Truncate(exact);
            remainders[i] = Math.Abs(exact - parts[i]);
            given += parts[i];
        }
        var leftOver = AmountMinor - given;
        var step = Math.Sign(leftOver);
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i)
                     .Take((int)Math.Abs(leftOver)))
            parts[i] += step;
        var currency = Currency;
        return parts.Select(p => new Money(p, currency)).ToArray();
    }

    /// <summary>"1,250.00 USD": the amount with its minor digits, in an invariant format.</summary>
    public override string ToString() =>
        ToDecimal().ToString("N" + Engine.Money.Currency.Of(Currency).MinorDigits, CultureInfo.InvariantCulture) + " " + Currency;
}
