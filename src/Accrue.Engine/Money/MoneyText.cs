using System.Globalization;

namespace Accrue.Engine.Money;

/// <summary>Amounts as a partner manager reads them in a sentence: "$42,000", "$1,250.50", "€900", "12,000 CHF".</summary>
/// <remarks>
/// For explanations only, never for a stored amount: an exact decimal (a converted sum) is shown
/// rounded to the currency's minor unit, half away from zero, and a whole amount drops its ".00".
/// <see cref="Money.ToString"/> stays the invariant "1,250.00 USD" of files and logs.
/// </remarks>
public static class MoneyText
{
    static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["INR"] = "₹",
    };

    public static string Format(decimal amount, string currency)
    {
        var digits = Currency.Of(currency).MinorDigits;
        var rounded = decimal.Round(amount, digits, MidpointRounding.AwayFromZero);
        var number = Math.Abs(rounded).ToString(rounded == decimal.Truncate(rounded) ? "N0" : "N" + digits, CultureInfo.InvariantCulture);
        var sign = rounded < 0 ? "-" : "";
        return Symbols.TryGetValue(currency, out var symbol) ? $"{sign}{symbol}{number}" : $"{sign}{number} {currency}";
    }

    /// <summary>An amount still needed, rounded UP to the minor unit so that reaching it is enough: 0.004 USD is "$0.01".</summary>
    public static string FormatShortfall(decimal amount, string currency)
    {
        var perMajor = Currency.Of(currency).MinorPerMajor;
        return Format(decimal.Ceiling(amount * perMajor) / perMajor, currency);
    }
}
