using Accrue.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Accrue.Browser.Tests;

/// <summary>Accrue on Kestrel over loopback with a small seeded demo, and a headless Chromium to drive it.</summary>
/// <remarks>
/// Chromium comes from Debian's package (ACCRUE_CHROMIUM, default /usr/bin/chromium), never a
/// Playwright download. Without it the tests skip with that reason, except under CI (CI=true),
/// where a missing browser is a failure: .ci/run installs it.
/// </remarks>
public sealed class AccrueSite : IAsyncLifetime
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("ACCRUE_CHROMIUM") ?? "/usr/bin/chromium";
    public static string? MissingBrowser =>
        File.Exists(ChromiumPath) || Environment.GetEnvironmentVariable("CI") == "true"
            ? null
            : $"Chromium is not installed at {ChromiumPath}; install Debian's chromium package (.ci/run does) to run the browser tests.";

    readonly string folder = Directory.CreateTempSubdirectory("accrue-browser-").FullName;
    WebApplicationFactory<Program>? factory;
    IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (MissingBrowser is not null) return;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Accrue:Database:ConnectionString", $"Data Source={Path.Combine(folder, "accrue.db")}");
            web.UseSetting("Accrue:Demo:Seed", "true");
            web.UseSetting("Accrue:Demo:Partners", "60");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root needs --no-sandbox; the rest keep Chromium from calling home on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A context over the seeded database as the system sees it, to pick test data and check outcomes.</summary>
    public AccrueDb Data() => factory!.Services.GetRequiredService<AccrueStorage>().Create(Actor.System);

    /// <summary>The site's services, for setup a person could not do through the pages (a user of a chosen partner).</summary>
    public IServiceProvider Services => factory!.Services;

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") ConsoleErrors.Add(message.Text); };
        return page;
    }

    public List<string> ConsoleErrors { get; } = [];

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A browser test: skipped (with the reason) only when Chromium is absent outside CI.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = AccrueSite.MissingBrowser;
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<AccrueSite>
{
    public const string Name = "Accrue site";
}
