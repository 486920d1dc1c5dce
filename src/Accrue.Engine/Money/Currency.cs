namespace Accrue.Engine.Money;

/// <summary>An ISO 4217 currency and the number of decimals of its minor unit.</summary>
/// <remarks>
/// The table holds the currencies a partner program is likely to pay in. A code outside it is
/// refused rather than guessed at: a wrong minor-unit count would misstate every amount by a
/// factor of ten or more.
/// </remarks>
public sealed record Currency
{
    static readonly Dictionary<string, int> MinorDigitsByCode = new(StringComparer.Ordinal)
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["CAD"] = 2, ["AUD"] = 2, ["NZD"] = 2,
        ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["PLN"] = 2, ["CZK"] = 2, ["HUF"] = 2, ["INR"] = 2,
        ["CNY"] = 2, ["HKD"] = 2, ["SGD"] = 2, ["BRL"] = 2, ["MXN"] = 2, ["ZAR"] = 2, ["AED"] = 2,
        ["SAR"] = 2, ["ILS"] = 2, ["TRY"] = 2, ["THB"] = 2, ["MYR"] = 2, ["PHP"] = 2, ["IDR"] = 2,
        ["JPY"] = 0, ["KRW"] = 0, ["CLP"] = 0, ["ISK"] = 0, ["VND"] = 0,
        ["BHD"] = 3, ["KWD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3,
    };

    public string Code { get; }
    public int MinorDigits { get; }

    Currency(string code, int minorDigits) => (Code, MinorDigits) = (code, minorDigits);

    /// <summary>The currency for an ISO code such as "USD"; throws for a code Accrue does not know.</summary>
    public static Currency Of(string code) =>
        TryOf(code, out var currency)
            ? currency
            : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code that Accrue knows.", nameof(code));

    public static bool TryOf(string? code, out Currency currency)
    {
        if (code is not null && MinorDigitsByCode.TryGetValue(code, out var digits))
        {
            currency = new Currency(code, digits);
            return true;
        }
        currency = null!;
        return false;
    }

    public static IReadOnlyCollection<string> KnownCodes => MinorDigitsByCode.Keys;

    /// <summary>How many minor units make one major unit: 100 for USD, 1 for JPY, 1000 for BHD.</summary>
    public long MinorPerMajor => MinorDigits switch { 0 => 1, 2 => 100, 3 => 1000, _ => (long)Math.Pow(10, MinorDigits) };

    public override string ToString() => Code;
}
