using System.Globalization;
using Accrue.Engine.Money;

namespace Accrue.Engine.Tests.Money;

public class MoneyTextTests
{
    [Theory]
    [InlineData("42000", "USD", "$42,000")]           // a whole amount drops its cents
    [InlineData("1250.5", "USD", "$1,250.50")]
    [InlineData("1250.005", "USD", "$1,250.01")]      // shown rounded half away from zero
    [InlineData("900", "EUR", "€900")]
    [InlineData("12000", "CHF", "12,000 CHF")]        // no symbol: the code after the number
    [InlineData("1234.5", "JPY", "¥1,235")]           // no minor digits
    [InlineData("-42", "USD", "-$42")]
    public void Amounts_read_as_in_a_sentence(string amount, string currency, string text) =>
        Assert.Equal(text, MoneyText.Format(decimal.Parse(amount, CultureInfo.InvariantCulture), currency));

    [Theory]
    [InlineData("0.004", "$0.01")]      // rounded up: reaching the shortfall is enough
    [InlineData("41999.991", "$42,000")]
    [InlineData("42000", "$42,000")]
    public void A_shortfall_is_rounded_up_to_the_minor_unit(string amount, string text) =>
        Assert.Equal(text, MoneyText.FormatShortfall(decimal.Parse(amount, CultureInfo.InvariantCulture), "USD"));
}
