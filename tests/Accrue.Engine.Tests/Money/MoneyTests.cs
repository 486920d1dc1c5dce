using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Accrue.Engine.Money;
using MoneyValue = Accrue.Engine.Money.Money;

namespace Accrue.Engine.Tests.Money;

public class MoneyTests
{
    [Theory]
    [InlineData("12.345", "USD", 1235)]    // half away from zero
    [InlineData("-12.345", "USD", -1235)]
    [InlineData("12.344", "USD", 1234)]
    [InlineData("1250", "JPY", 1250)]      // no minor digits
    [InlineData("1249.5", "JPY", 1250)]
    [InlineData("1.2345", "BHD", 1235)]    // three minor digits
    [InlineData("0.0005", "BHD", 1)]
    public void A_decimal_amount_is_rounded_once_to_the_minor_unit_half_away_from_zero(string amount, string currency, long minor) =>
        Assert.Equal(new MoneyValue(minor, currency), MoneyValue.FromDecimal(decimal.Parse(amount, CultureInfo.InvariantCulture), currency));

    [Theory]
    [InlineData(125000, "USD", "1,250.00 USD")]
    [InlineData(1250, "JPY", "1,250 JPY")]
    [InlineData(1250, "BHD", "1.250 BHD")]
    [InlineData(-5, "EUR", "-0.05 EUR")]
    public void Money_reads_with_the_currency_s_own_decimals(long minor, string currency, string text) =>
        Assert.Equal(text, new MoneyValue(minor, currency).ToString());

    [Fact]
    public void Amounts_in_different_currencies_do_not_add() =>
        Assert.Throws<InvalidOperationException>(() => new MoneyValue(100, "USD") + new MoneyValue(100, "EUR"));

    [Fact]
    public void An_unknown_currency_code_is_refused_rather_than_guessed() =>
        Assert.Throws<ArgumentException>(() => MoneyValue.FromDecimal(1m, "XYZ"));

    [Fact]
    public void Largest_remainders_go_to_the_earliest_of_equal_shares()
    {
        // 100 cents over three equal weights: 33.33… each; the one left-over cent goes to the first.
        var parts = new MoneyValue(100, "USD").Allocate([1, 1, 1]);
        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.AmountMinor));
    }

    [Fact]
    public void Largest_remainder_allocation_gives_the_cent_to_the_largest_fraction()
    {
        // 10 cents by weights 1:2:3 → 1.67, 3.33, 5.00 → floors 1, 3, 5 (9); the cent goes to the .67.
        var parts = new MoneyValue(10, "USD").Allocate([1, 2, 3]);
        Assert.Equal([2L, 3L, 5L], parts.Select(p => p.AmountMinor));
    }

    [Property(MaxTest = 500)]
    public Property Allocation_always_adds_up_to_the_whole_amount(long amount, NonEmptyArray<PositiveInt> weights)
    {
        var total = amount % 1_000_000_000_000L;
        var parts = new MoneyValue(total, "USD").Allocate(weights.Get.Select(w => (long)w.Get).ToArray());
        return (parts.Sum(p => p.AmountMinor) == total && parts.Count == weights.Get.Length).ToProperty();
    }

    [Property(MaxTest = 500)]
    public Property No_share_is_more_than_one_minor_unit_from_its_exact_value(long amount, NonEmptyArray<PositiveInt> weights)
    {
        var total = amount % 1_000_000_000_000L;
        var w = weights.Get.Select(x => (long)x.Get).ToArray();
        var parts = new MoneyValue(total, "USD").Allocate(w);
        var sum = w.Sum(x => (decimal)x);
        return parts.Select((p, i) => Math.Abs(p.AmountMinor - total * w[i] / sum) < 1m).All(ok => ok).ToProperty();
    }
}
