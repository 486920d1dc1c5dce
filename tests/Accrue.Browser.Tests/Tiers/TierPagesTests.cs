using Accrue.Browser.Tests.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Tiers;

[Collection(SiteCollection.Name)]
public sealed class TierPagesTests(AccrueSite site)
{
    string Shot(string name) => Path.Combine(site.ScreenshotFolder, name + ".png");

    [BrowserFact]
    public async Task Staff_read_the_program_edit_a_draft_compare_it_and_review_an_evaluation_run()
    {
        var page = await site.NewPageAsync();
        await SignIn.AsAsync(page, "admin@accrue.demo");

        await page.GotoAsync("/program");
        await Expect(page.GetByText("In force").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("version-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("program"), FullPage = true });

        // "Edit draft" starts one (a button); "Continue the draft" links to the one another test may have left.
        var draftName = new System.Text.RegularExpressions.Regex("Edit draft|Continue the draft");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = draftName }).Or(page.GetByRole(AriaRole.Link, new() { NameRegex = draftName })).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/program/draft"));
        await Expect(page.GetByTestId("tier-form").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("program-draft-form"), FullPage = true });

        // A bad id is shown by its field before anything is saved.
        var firstId = page.GetByTestId("tier-form").Nth(1).GetByLabel("Id");
        await firstId.FillAsync("Not An Id");
        await Expect(page.GetByTestId("form-problems")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("program-draft-problem"), FullPage = false });
        await firstId.FillAsync("silver");

        await page.GetByRole(AriaRole.Tab, new() { Name = "File" }).ClickAsync();
        await Expect(page.GetByLabel("The program file")).ToContainTextAsync("tiers:");
        await page.ScreenshotAsync(new() { Path = Shot("program-draft-file"), FullPage = false });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Form" }).ClickAsync();

        await page.GetByLabel("What changes").FillAsync("A checked draft.");
        await page.GetByTestId("save-draft").ClickAsync();
        await Expect(page.GetByTestId("publish-button")).ToBeEnabledAsync();
        await page.GetByTestId("publish-button").ClickAsync();
        await Expect(page.GetByTestId("earliest-effective-on")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("program-publish-dialog") });
        await page.GotoAsync("/program/what-if");
        await page.GetByTestId("run-whatif").ClickAsync();
        await Expect(page.GetByTestId("cost-basis")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Shot("program-what-if"), FullPage = true });

        // Published with the earliest allowed date, the draft becomes an upcoming change partners see.
        await page.GotoAsync("/program/draft");
        await page.GetByTestId("publish-button").ClickAsync();
        await page.GetByTestId("confirm-publish").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/program"));
        await Expect(page.GetByTestId("upcoming-version")).ToContainTextAsync("A checked draft.");
        var partner = await site.NewPageAsync();
        await SignIn.AsAsync(partner, "partner.admin@accrue.demo");
        await partner.GotoAsync("/portal");
        await Expect(partner.GetByTestId("upcoming-change")).ToContainTextAsync("the program changes: A checked draft.");
        await partner.ScreenshotAsync(new() { Path = Shot("portal-home-upcoming"), FullPage = true });
        await partner.GotoAsync("/portal/scorecard");
        await Expect(partner.GetByTestId("upcoming-change")).ToBeVisibleAsync();
        await partner.ScreenshotAsync(new() { Path = Shot("portal-scorecard-upcoming"), FullPage = true });

        await page.GotoAsync("/tiers");
        await Expect(page.GetByTestId("run-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("run-status").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("tiers"), FullPage = true });

        await page.GetByTestId("run-row").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/tiers/runs/"));
        await Expect(page.GetByTestId("approve-selected")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("tiers-run-pending"), FullPage = true });
        if (await page.GetByTestId("proposal-row").CountAsync() == 0)
        {
            await page.GetByTestId("filter-status").ClickAsync();
            await page.GetByRole(AriaRole.Option).Filter(new() { HasTextString = "Applied" }).ClickAsync();
        }
        var row = page.GetByTestId("proposal-row").First;
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button).Last.ClickAsync();
        await Expect(page.GetByText("Threshold").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("tiers-run-expanded"), FullPage = true });

        Guid partnerId;
        await using (var db = site.Data()) partnerId = db.Users.Single(u => u.Email == "partner.admin@accrue.demo").PartnerId!.Value;
        await page.GotoAsync($"/partners/{partnerId}");
        await Expect(page.GetByTestId("scorecard-tier")).ToBeVisibleAsync();
        await page.GetByTestId("partner-tier").ScreenshotAsync(new() { Path = Shot("partner-tier") });
        await page.GetByTestId("override-tier").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Shot("partner-override-dialog") });
        // A failed resource load (status only, no URL in the message) is not a page error; script errors are.
        Assert.DoesNotContain(site.ConsoleErrors, e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task A_partner_sees_its_scorecard()
    {
        var page = await site.NewPageAsync();
        await SignIn.AsAsync(page, "partner.admin@accrue.demo");
        await page.GotoAsync("/portal/scorecard");
        await Expect(page.GetByTestId("scorecard-tier")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("portal-scorecard"), FullPage = true });
        await page.GotoAsync("/portal");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "your scorecard" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("portal-home"), FullPage = true });
    }
}
