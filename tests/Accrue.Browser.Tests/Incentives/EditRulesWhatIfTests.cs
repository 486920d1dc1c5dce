using Accrue.Browser.Tests.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Incentives;

[Collection(SiteCollection.Name)]
public sealed class EditRulesWhatIfTests(AccrueSite site)
{
    [BrowserFact]
    public async Task An_admin_raises_a_rebate_rate_in_the_draft_form_and_the_what_if_shows_what_it_would_cost()
    {
        var page = await site.NewPageAsync();
        await SignIn.AsAsync(page, "admin@accrue.demo");
        await page.GotoAsync("/program");
        // "Edit draft" starts one (a button); "Continue the draft" links to the one another test may have left.
        var draftName = new System.Text.RegularExpressions.Regex("Edit draft|Continue the draft");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = draftName }).Or(page.GetByRole(AriaRole.Link, new() { NameRegex = draftName })).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/program/draft"));

        var rebate = page.GetByTestId("rule-form").Filter(new() { HasText = "Quarterly rebate" });
        await Expect(rebate).ToBeVisibleAsync();
        await rebate.GetByLabel("Rate %").First.FillAsync("5");

        // A bad id is named by its field before anything is saved.
        await rebate.GetByLabel("Id", new() { Exact = true }).FillAsync("Quarterly Rebate");

        await Expect(page.GetByTestId("form-problems")).ToContainTextAsync("incentives[0].id");
        await rebate.GetByLabel("Id", new() { Exact = true }).FillAsync("q-rebate");
        await Expect(page.GetByTestId("form-problems")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "program-draft-rules.png"), FullPage = true });
        await page.GetByLabel("What changes").FillAsync("A richer first rebate bracket.");
        await page.GetByTestId("save-draft").ClickAsync();
        await Expect(page.GetByTestId("publish-button")).ToBeEnabledAsync();

        await page.GotoAsync("/incentives/what-if");
        await page.GetByTestId("run-incentive-whatif").ClickAsync();
        await Expect(page.GetByTestId("incentive-whatif-summary")).ToContainTextAsync("would gain");
        var row = page.GetByTestId("whatif-rule").Filter(new() { HasText = "Quarterly rebate" });
        await Expect(row).ToContainTextAsync("+");
        await Expect(page.GetByTestId("whatif-mover").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "incentives-what-if.png"), FullPage = true });
    }
}
