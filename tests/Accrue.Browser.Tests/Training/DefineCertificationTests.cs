using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Training;

[Collection(SiteCollection.Name)]
public sealed class DefineCertificationTests(AccrueSite site)
{
    [BrowserFact]
    public async Task A_program_admin_defines_a_certification_from_two_modules_and_sees_it_listed()
    {
        var code = $"BRW-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var modules = await TrainingPages.OwnModulesAsync(site, code);
        var admin = await TrainingPages.AdminOnTabAsync(site, "Certifications");

        // Nothing given: each field says what it needs, and nothing is saved.
        await admin.GetByTestId("certification-save").ClickAsync();
        await Expect(admin.GetByText("Name the certification.")).ToBeVisibleAsync();
        await Expect(admin.GetByText("A certification needs at least one module.")).ToBeVisibleAsync();

        await admin.GetByTestId("certification-code").Locator("input").Or(admin.Locator("input[data-testid=certification-code]")).FillAsync(code);
        await admin.GetByTestId("certification-name").Locator("input").Or(admin.Locator("input[data-testid=certification-name]")).FillAsync($"Browser Analyst {code}");
        await admin.GetByTestId("certification-modules").ClickAsync();
        foreach (var module in modules)
            await admin.GetByRole(AriaRole.Option).Filter(new() { HasTextString = module }).ClickAsync();
        await admin.Keyboard.PressAsync("Escape");
        await admin.GetByTestId("certification-save").ClickAsync();

        await Expect(admin.GetByTestId("certification-row").Filter(new() { HasTextString = code })).ToContainTextAsync("24 months");
        await using var data = site.Data();
        var stored = await data.Certifications.Include(c => c.Requirements).SingleAsync(c => c.Code == code);
        Assert.Equal(2, stored.Requirements.Count);
        Assert.Equal(70, stored.PassingScore);
    }
}
