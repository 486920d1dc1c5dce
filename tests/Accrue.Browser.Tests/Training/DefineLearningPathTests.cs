using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Training;

[Collection(SiteCollection.Name)]
public sealed class DefineLearningPathTests(AccrueSite site)
{
    [BrowserFact]
    public async Task A_program_admin_defines_a_learning_path_puts_its_modules_in_order_and_sees_it_listed()
    {
        var code = $"LPB-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var modules = await TrainingPages.OwnModulesAsync(site, code);
        var admin = await TrainingPages.AdminOnTabAsync(site, "Learning paths");

        // Nothing given: each field says what it needs, and nothing is saved.
        await admin.GetByTestId("path-save").ClickAsync();
        await Expect(admin.GetByText("Name the learning path.")).ToBeVisibleAsync();
        await Expect(admin.GetByText("A learning path needs at least one module.")).ToBeVisibleAsync();

        await admin.GetByTestId("path-name").Locator("input").Or(admin.Locator("input[data-testid=path-name]")).FillAsync($"Browser path {code}");
        foreach (var module in modules)
        {
            // The select's own box: its value slot is empty, and at times Playwright finds it without a size.
            await admin.Locator("div.mud-input-control.mud-select").Filter(new() { Has = admin.GetByTestId("path-module") }).ClickAsync();
            await admin.GetByRole(AriaRole.Option).Filter(new() { HasTextString = module }).ClickAsync();
            await admin.GetByTestId("path-add").ClickAsync();
        }
        // The second module first.
        await admin.GetByTestId("path-step").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Earlier" }).ClickAsync();
        await admin.GetByTestId("path-save").ClickAsync();

        await Expect(admin.GetByTestId("path-row").Filter(new() { HasTextString = code }))
            .ToContainTextAsync($"1. Browser module {modules[1]} → 2. Browser module {modules[0]}");
        await using var data = site.Data();
        var stored = await data.LearningPaths.Include(p => p.Steps).ThenInclude(s => s.Module).SingleAsync(p => p.Name == $"Browser path {code}");
        Assert.Equal(modules.Reverse(), stored.Steps.OrderBy(s => s.Position).Select(s => s.Module!.Code));
    }
}
