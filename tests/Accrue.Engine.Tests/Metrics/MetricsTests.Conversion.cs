using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using static Accrue.Engine.Tests.Metrics.A;

namespace Accrue.Engine.Tests.Metrics;

/// <summary>Won revenue in the program currency (USD): at the rate of the close date, exact.</summary>
public class MetricsConversionTests
{
    static readonly ExchangeRates EuroRates = Rates(("EUR", "2026-09-01", 1.10m), ("EUR", "2026-09-20", 1.20m), ("JPY", "2026-01-01", 0.0067m));

    [Theory]
    [InlineData("2026-09-01", 1_100)]   // the rate's first day
    [InlineData("2026-09-19", 1_100)]   // the latest rate on or before the close date
    [InlineData("2026-09-20", 1_200)]   // a new rate from its day on
    [InlineData("2026-09-30", 1_200)]
    public void A_deal_converts_at_the_latest_rate_on_or_before_its_close_date(string closed, int usd) =>
        Assert.Equal(usd, Facts([Won(closed, 1_000m, "EUR")], rates: EuroRates).Measure(Metric.WonRevenue).Value);

    [Fact]
    public void Converted_amounts_stay_exact_and_minor_units_follow_the_currency()
    {
        var facts = Facts([Won("2026-09-25", 0.01m, "EUR"), Won("2026-09-25", 0.01m, "EUR"), Won("2026-09-25", 0.01m, "EUR"),
                           Won("2026-09-25", 150_001m, "JPY")], rates: EuroRates);
        Assert.Equal(0.036m + 1_005.0067m, facts.Measure(Metric.WonRevenue).Value);   // not rounded to cents
    }

    [Fact]
    public void A_won_deal_without_a_rate_is_an_error_naming_the_currency_the_date_and_the_deal()
    {
        var deal = Won("2026-08-31", 1_000m, "EUR");
        var error = Assert.Throws<MissingExchangeRateException>(() => Facts([deal], rates: EuroRates));
        Assert.Equal(("EUR", Day("2026-08-31"), deal.DealId), (error.Currency, error.Day, error.DealId));
        Assert.Equal($"No EUR exchange rate on or before 2026-08-31 to convert deal {deal.DealId}.", error.Message);
    }

    [Fact]
    public void Deals_that_are_not_won_need_no_rate()
    {
        var lost = Lost("2026-08-31") with { Currency = "GBP" };
        var open = Open("2026-08-01") with { Currency = "GBP" };
        Assert.Equal(0m, Facts([lost, open], rates: EuroRates).Measure(Metric.WonRevenue).Value);
    }

    [Fact]
    public void The_program_currency_converts_at_one_and_other_rates_are_read_as_given()
    {
        Assert.Equal(1m, EuroRates.RateOn("USD", Day("1990-01-01")));
        Assert.Null(EuroRates.RateOn("EUR", Day("2026-08-31")));
        Assert.Null(EuroRates.RateOn("GBP", Day("2026-09-30")));
        Assert.Equal(1.2m, EuroRates.RateOn("EUR", Day("2030-01-01")));
    }
}
