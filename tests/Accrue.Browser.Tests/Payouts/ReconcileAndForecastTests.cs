using Accrue.Browser.Tests.Accounts;
using Accrue.Engine.Time;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Payouts;

[Collection(SiteCollection.Name)]
public sealed class ReconcileAndForecastTests(AccrueSite site)
{
    [BrowserFact]
    public async Task Finance_sees_the_current_period_forecast_and_reconciles_a_paid_quarter()
    {
        var calendar = new FiscalCalendar();
        var current = calendar.Containing(DateOnly.FromDateTime(DateTime.UtcNow), PeriodUnit.Quarter);
        var paid = calendar.Previous(calendar.Previous(current));   // the demo pays every quarter but the last

        var finance = await site.NewPageAsync();
        await SignIn.AsAsync(finance, "finance@accrue.demo");
        await finance.GotoAsync("/payouts/reconciliation");
        await Expect(finance.GetByTestId("forecast")).ToContainTextAsync($"Forecast of {current.Name}");
        await Expect(finance.GetByTestId("forecast-cash")).ToContainTextAsync("forecast");

        // MudBlazor puts the test id on the input itself or on its wrapper, depending on the component.
        await finance.Locator("input[data-testid=reconcile-period], [data-testid=reconcile-period] input").FillAsync(paid.Name);
        await finance.GetByTestId("reconcile").ClickAsync();
        await Expect(finance.GetByTestId("reconciliation-differences")).ToContainTextAsync("Reconciles.");
        await finance.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "payouts-reconciliation.png"), FullPage = true });
    }
}
