using Microsoft.Playwright;

namespace Accrue.Browser.Tests.Accounts;

static class SignIn
{
    public const string DemoPassword = "accrue-demo-2026";

    /// <summary>Signs in through the form, as a person would, and waits for the start page.</summary>
    public static async Task AsAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "sign-in-failed.png") });
            throw;
        }
    }
}
