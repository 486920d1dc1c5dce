using Accrue.Browser.Tests.Accounts;
using Accrue.Data.Training;
using Microsoft.Playwright;

namespace Accrue.Browser.Tests.Training;

/// <summary>What the catalog tests share: modules of their own, and a tab of the staff Training page signed in as the demo's admin.</summary>
static class TrainingPages
{
    /// <summary>Two modules with codes of the test's own: the demo's modules are also completed by other tests.</summary>
    public static async Task<string[]> OwnModulesAsync(AccrueSite site, string prefix)
    {
        var codes = new[] { $"{prefix}-1", $"{prefix}-2" };
        await using var db = site.Data();
        foreach (var code in codes)
            db.TrainingModules.Add(new TrainingModule { Code = code, Title = $"Browser module {code}", Product = "Analytics", DurationMinutes = 30 });
        await db.SaveChangesAsync();
        return codes;
    }

    public static async Task<IPage> AdminOnTabAsync(AccrueSite site, string tab)
    {
        var admin = await site.NewPageAsync();
        await SignIn.AsAsync(admin, "admin@accrue.demo");
        await admin.GotoAsync("/training");
        // The page loads its lists after its first render; a tab is chosen once the page has them all.
        await Assertions.Expect(admin.Locator("h1[data-state=loaded]")).ToBeAttachedAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Tab, new() { Name = tab })).ToHaveAttributeAsync("aria-selected", "true");
        return admin;
    }
}
