using Accrue.Browser.Tests.Accounts;
using Accrue.Engine.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Deals;

[Collection(SiteCollection.Name)]
public sealed class ConflictingRegistrationTests(AccrueSite site)
{
    [BrowserFact]
    public async Task A_partner_registers_a_conflicting_deal_the_manager_decides_it_side_by_side_and_the_partner_sees_the_outcome()
    {
        // An open, protected registration of another partner: the customer the partner user will also claim.
        string customer, domain, product, rivalPartner;
        await using (var db = site.Data())
        {
            var home = (await db.Users.SingleAsync(u => u.Email == "partner.user@accrue.demo")).PartnerId;
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var rival = await db.Deals.Include(d => d.Partner)
                .Where(d => d.PartnerId != home && d.Status == DealStatus.Approved && d.CustomerDomain != null && d.ProtectedUntil > today.AddDays(2)
                            // a customer that no other submission (the demo makes some) is waiting on, so the queue has one link for it
                            && !db.Deals.Any(o => o.Id != d.Id && o.CustomerNameKey == d.CustomerNameKey))
                .OrderBy(d => d.RegisteredAt).FirstAsync();
            (customer, domain, product, rivalPartner) = (rival.CustomerName, rival.CustomerDomain!, rival.ProductLines.Split(';')[0], rival.Partner!.Name);
        }
        var reason = "Another partner registered this customer first and its protection is open.";

        var partner = await site.NewPageAsync();
        await SignIn.AsAsync(partner, "partner.user@accrue.demo");
        await partner.GotoAsync("/portal/deals/register");
        await partner.GetByLabel("Customer company name").FillAsync(customer.ToUpperInvariant());
        await partner.GetByLabel("Customer web domain").FillAsync("https://www." + domain + "/");
        await partner.GetByLabel("Country").FillAsync("US");
        await partner.GetByLabel("Product lines").FillAsync(product);
        await partner.GetByLabel("Estimated amount").FillAsync("42000");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Submit registration" }).ClickAsync();
        await Expect(partner.GetByText("Waiting for the vendor's decision.")).ToBeVisibleAsync();
        await Expect(partner.GetByText(rivalPartner)).Not.ToBeVisibleAsync();   // partners never learn who the rival is
        var dealUrl = partner.Url;
        await partner.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "deal-submitted.png") });

        var manager = await site.NewPageAsync();
        await SignIn.AsAsync(manager, "manager@accrue.demo");
        await manager.GotoAsync("/deals/review");
        await manager.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Conflicts") }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Link, new() { Name = customer.ToUpperInvariant() })).ToBeVisibleAsync();
        await manager.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "deal-review-queue.png") });
        await manager.GetByRole(AriaRole.Link, new() { Name = customer.ToUpperInvariant() }).ClickAsync();
        var sideBySide = manager.GetByRole(AriaRole.Group, new() { Name = "This registration and the conflicting one, side by side" })
            .Filter(new() { HasText = rivalPartner }).First;
        await Expect(sideBySide.GetByRole(AriaRole.Region, new() { Name = "This registration" })).ToContainTextAsync(customer.ToUpperInvariant());
        await Expect(sideBySide.GetByRole(AriaRole.Region, new() { Name = "The conflicting registration" })).ToContainTextAsync(rivalPartner);
        await Expect(manager.GetByText($"same domain {domain}, registered by {rivalPartner}").First).ToBeVisibleAsync();
        await manager.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "deal-conflict-side-by-side.png"), FullPage = true });
        await manager.GetByLabel("Reason").FillAsync(reason);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(manager.GetByText("cannot be rejected")).Not.ToBeVisibleAsync();
        await Expect(manager.GetByText($"Rejected: {reason}")).ToBeVisibleAsync();

        await partner.GotoAsync(dealUrl);
        await Expect(partner.GetByText($"Rejected: {reason}")).ToBeVisibleAsync();
        await partner.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "deal-rejected-seen-by-partner.png") });
        await partner.GotoAsync("/portal/deals");
        await Expect(partner.GetByRole(AriaRole.Link, new() { Name = customer.ToUpperInvariant() })).ToBeVisibleAsync();
        await partner.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "portal-deals.png") });
    }
}
