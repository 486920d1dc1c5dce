using Accrue.Browser.Tests.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Partners;

[Collection(SiteCollection.Name)]
public sealed class PartnerLifecycleTests(AccrueSite site)
{
    [BrowserFact]
    public async Task A_partner_manager_creates_a_partner_fixes_a_field_error_and_onboards_it()
    {
        var page = await site.NewPageAsync();
        await SignIn.AsAsync(page, "manager@accrue.demo");
        await page.GotoAsync("/partners/new");

        await page.GetByLabel("Name").FillAsync("Tailspin Toys Browser Test");
        await page.GetByLabel("Country (ISO code)").FillAsync("ZZ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create partner" }).ClickAsync();
        await Expect(page.GetByText("The country must be an ISO 3166 two-letter code such as US, DE or JP.")).ToBeVisibleAsync();

        await page.GetByLabel("Country (ISO code)").FillAsync("NL");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create partner" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tailspin Toys Browser Test", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("This partner is Prospect.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Move to Onboarding" }).ClickAsync();
        await Expect(page.GetByText("This partner is Onboarding.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Partner status changed")).ToBeVisibleAsync();
        await Expect(page.GetByText("Partner created")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "partner-onboarded.png") });

        await page.GotoAsync("/audit");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Partner status changed" }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("{\"status\":\"Prospect\"} → {\"status\":\"Onboarding\"}")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "audit-log.png") });
    }
}
