using Accrue.Browser.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Partners;

[Collection(SiteCollection.Name)]
public sealed class FindPartnerTests(AccrueSite site)
{
    [BrowserFact]
    public async Task A_program_admin_signs_in_and_finds_a_partner_by_search()
    {
        string target;
        await using (var db = site.Data())
            target = await db.Partners.OrderBy(p => p.Name).Skip(17).Select(p => p.Name).FirstAsync();

        var page = await site.NewPageAsync();
        await page.GotoAsync("/partners");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await SignIn.AsAsync(page, "admin@accrue.demo");
        await page.GotoAsync("/partners");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partners" })).ToBeVisibleAsync();

        await page.GetByLabel("Search partners").FillAsync(target);
        var rows = page.Locator(".mud-table-body tr");
        await Expect(rows.First).ToContainTextAsync(target);
        await Expect(rows).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "admin-finds-partner.png") });

        await rows.First.GetByRole(AriaRole.Link, new() { Name = target }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = target, Level = 1 })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "partner-detail.png") });
    }

    [BrowserFact]
    public async Task A_partner_user_sees_its_own_partner_and_nothing_else()
    {
        Guid ownId, otherId;
        string ownName;
        await using (var db = site.Data())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "partner.user@accrue.demo");
            ownId = user.PartnerId!.Value;
            ownName = await db.Partners.Where(p => p.Id == ownId).Select(p => p.Name).SingleAsync();
            otherId = await db.Partners.Where(p => p.Id != ownId).Select(p => p.Id).FirstAsync();
        }

        var page = await site.NewPageAsync();
        await SignIn.AsAsync(page, "partner.user@accrue.demo");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ownName, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Morgan Manager")).ToBeVisibleAsync();   // its manager's name, though not the manager's account
        await page.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "partner-portal.png") });

        foreach (var url in new[] { "/partners", $"/partners/{otherId}", $"/partners/{ownId}", "/audit" })
        {
            await page.GotoAsync(url);
            await Expect(page.GetByText("This page is not part of your access")).ToBeVisibleAsync();
        }
        var api = await page.APIRequest.GetAsync($"/api/v1/partners/{otherId}");
        Assert.Equal(404, api.Status);
        var own = await page.APIRequest.GetAsync($"/api/v1/partners/{ownId}");
        Assert.Equal(200, own.Status);
    }
}
