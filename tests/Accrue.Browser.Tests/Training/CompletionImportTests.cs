using Accrue.Browser.Tests.Accounts;
using Accrue.Engine.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Training;

[Collection(SiteCollection.Name)]
public sealed class CompletionImportTests(AccrueSite site)
{
    [BrowserFact]
    public async Task A_partner_admin_imports_completions_and_a_certification_appears_valid_with_its_expiry_and_staff_count_it()
    {
        // A person of the partner admin's own partner who holds no valid certification today.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string email;
        await using (var db = site.Data())
        {
            var home = (await db.Users.SingleAsync(u => u.Email == "partner.admin@accrue.demo")).PartnerId;
            var person = await db.Contacts.Where(c => c.PartnerId == home
                    && !db.CertificationHoldings.Any(h => h.PersonId == c.Id && h.ValidFrom <= today && h.ValidUntil > today))
                .OrderBy(c => c.Email).FirstAsync();
            email = person.Email;
        }
        var examDay = today.AddDays(-2);
        var validUntil = examDay.AddMonths(24);
        var file = Path.Combine(Path.GetTempPath(), $"completions-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            "person_email,module_code,completed_on,score",
            $"{email},ANA-101,{today.AddDays(-10):yyyy-MM-dd},",
            $"{email},ANA-201,{today.AddDays(-5):yyyy-MM-dd},",
            $"{email},ANA-SX,{examDay:yyyy-MM-dd},86"));

        var staff = await site.NewPageAsync();
        await SignIn.AsAsync(staff, "admin@accrue.demo");
        await staff.GotoAsync("/training");
        var certified = staff.GetByTestId("certified-people");
        await Expect(certified).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ of \d+$"));
        var before = int.Parse((await certified.TextContentAsync())!.Split(' ')[0]);

        var partner = await site.NewPageAsync();
        await SignIn.AsAsync(partner, "partner.admin@accrue.demo");
        await partner.GotoAsync("/portal/training");
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Your people's training" })).ToBeVisibleAsync();
        await partner.Locator("input[type=file]").SetInputFilesAsync(file);
        await Expect(partner.GetByText("3 new, 0 updated, 0 already recorded; 1 certification(s) earned.", new() { Exact = false })).ToBeVisibleAsync();
        var row = partner.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync($"Analytics Sales Professional: valid until {validUntil:yyyy-MM-dd}");
        await partner.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "portal-training-after-import.png"), FullPage = true });

        await staff.ReloadAsync();
        await Expect(staff.GetByTestId("certified-people")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"^{before + 1} of \d+$"));
        await staff.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "training-overview.png") });
        File.Delete(file);
    }
}
