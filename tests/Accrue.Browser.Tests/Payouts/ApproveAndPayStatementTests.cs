using Accrue.Browser.Tests.Accounts;
using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Engine.Ledger;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Payouts;

[Collection(SiteCollection.Name)]
public sealed class ApproveAndPayStatementTests(AccrueSite site)
{
    [BrowserFact]
    public async Task Finance_approves_a_statement_and_marks_it_paid_and_the_partner_sees_it_paid_with_its_lines_explained()
    {
        // The demo's last quarter waits for approval: take one of its statements and give that partner a user.
        Guid statementId, partnerId;
        var email = $"statements.{Guid.NewGuid():N}@test.example";
        await using (var db = site.Data())
        {
            var statement = await db.PayoutStatements.Where(s => s.Status == StatementStatus.Draft).OrderByDescending(s => s.TotalMinor).FirstAsync();
            (statementId, partnerId) = (statement.Id, statement.PartnerId);
        }
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AccrueUser>>();
            var user = new AccrueUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Sam Statements", PartnerId = partnerId,
                CreatedAt = DateTimeOffset.UtcNow, AcceptedAt = DateTimeOffset.UtcNow,
            };
            Assert.True((await users.CreateAsync(user, SignIn.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, AccrueRoles.PartnerUser)).Succeeded);
        }

        var finance = await site.NewPageAsync();
        await SignIn.AsAsync(finance, "finance@accrue.demo");
        await finance.GotoAsync($"/payouts/statements/{statementId}");
        await Expect(finance.GetByTestId("statement-line").First).ToBeVisibleAsync();
        await finance.GetByTestId("approve-statement").ClickAsync();
        await Expect(finance.GetByTestId("statement-facts")).ToContainTextAsync("Approved by finance@accrue.demo");
        await finance.GetByTestId("mark-paid").ClickAsync();
        await finance.GetByLabel("Payment reference").FillAsync("AP-BROWSER-1");
        await finance.GetByTestId("confirm-payment").ClickAsync();
        await Expect(finance.GetByTestId("statement-facts")).ToContainTextAsync("reference AP-BROWSER-1");
        await finance.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "payout-statement-paid.png"), FullPage = true });

        var partner = await site.NewPageAsync();
        await SignIn.AsAsync(partner, email);
        await partner.GotoAsync("/portal/statements");
        var row = partner.GetByTestId("my-statement-row").Filter(new() { HasText = "AP-BROWSER-1" });
        await Expect(row).ToContainTextAsync("Paid");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(partner.GetByTestId("my-statement-facts")).ToContainTextAsync("paid on");
        await Expect(partner.GetByTestId("line-explanation").First).ToBeVisibleAsync();
        await partner.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "portal-statement.png"), FullPage = true });

        // Another partner's statement is not there to see.
        await using (var db = site.Data())
        {
            var other = await db.PayoutStatements.Where(s => s.PartnerId != partnerId && s.Status == StatementStatus.Paid).Select(s => s.Id).FirstAsync();
            await partner.GotoAsync($"/portal/statements/{other}");
            await Expect(partner.GetByText("This statement does not exist.")).ToBeVisibleAsync();
        }
    }
}
