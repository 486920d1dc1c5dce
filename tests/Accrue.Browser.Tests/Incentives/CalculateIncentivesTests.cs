using Accrue.Browser.Tests.Accounts;
using Accrue.Data.Incentives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Incentives;

[Collection(SiteCollection.Name)]
public sealed class CalculateIncentivesTests(AccrueSite site)
{
    [BrowserFact]
    public async Task Finance_recalculates_a_quarter_watches_it_finish_and_reads_a_lines_explanation_and_deals()
    {
        string period;
        await using (var db = site.Data())
        {
            period = (await db.CalculationRuns.OrderByDescending(r => r.PeriodEnd).FirstAsync()).Period;
        }
        var finance = await site.NewPageAsync();
        await SignIn.AsAsync(finance, "finance@accrue.demo");
        await finance.GotoAsync("/incentives");
        await Expect(finance.GetByTestId("calc-run-row").First).ToBeVisibleAsync();
        var before = await finance.GetByTestId("calc-run-row").CountAsync();

        await finance.GetByLabel("Period").FillAsync(period);
        await finance.GetByTestId("calculate").ClickAsync();
        await Expect(finance.GetByTestId("calc-run-row")).ToHaveCountAsync(before + 1);
        await Expect(finance.GetByTestId("calc-run-status").First).ToContainTextAsync("Completed", new() { Timeout = 30_000 });
        await finance.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "incentive-runs.png"), FullPage = true });

        await finance.GetByTestId("calc-run-row").First.GetByRole(AriaRole.Link, new() { Name = period }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Heading, new() { Name = $"Incentives of {period}" })).ToBeVisibleAsync();
        await Expect(finance.GetByTestId("rule-row").First).ToBeVisibleAsync();

        // The largest line first; its details name the deals that earned it.
        var rebate = finance.GetByTestId("rule-row").Filter(new() { HasText = "Quarterly rebate" }).GetByText("Quarterly rebate");
        await rebate.ClickAsync();
        var line = finance.GetByTestId("line-row").First;
        await Expect(line).ToContainTextAsync("Quarterly rebate");
        await line.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(finance.GetByTestId("line-basis")).ToContainTextAsync("Deals that earned it");
        await Expect(finance.GetByTestId("line-basis")).ToContainTextAsync("eligible revenue");
        await finance.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "incentive-run.png"), FullPage = true });

        await using (var db = site.Data())
        {
            Assert.Equal(2, await db.CalculationRuns.CountAsync(r => r.Period == period && r.Status == CalculationRunStatus.Completed));
        }
    }
}
