namespace Accrue.Web.Tests.Infrastructure;

/// <summary>A test class's hosts: one per database product, started on first use and removed with the class.</summary>
/// <remarks>
/// Tests of one class run one after another and share these hosts, so each test seeds what it
/// needs under fresh names; nothing is shared between classes.
/// </remarks>
public sealed class AppPerClass : IAsyncLifetime
{
    readonly Dictionary<Database, Task<AccrueApp>> apps = [];

    public Task<AccrueApp> On(Database database)
    {
        lock (apps)
        {
            if (!apps.TryGetValue(database, out var app)) apps[database] = app = AccrueApp.StartAsync(database);
            return app;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values)
            if (app.IsCompletedSuccessfully) await (await app).DisposeAsync();
    }
}
