using System.Net.Http.Headers;
using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Infrastructure;

/// <summary>The real Accrue host over a fresh database of its own, with helpers to seed data and to call the API as someone.</summary>
/// <remarks>Starting it runs what production runs at start: migrations and roles. The demo seed is off.</remarks>
public sealed class AccrueApp : IAsyncDisposable
{
    readonly WebApplicationFactory<Program> factory;

    AccrueApp(TestDatabase database)
    {
        Database = database;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Accrue:Database:Provider", database.Provider)
            .UseSetting("Accrue:Database:ConnectionString", database.ConnectionString)
            .UseSetting("Accrue:Demo:Seed", "false")
            // Tests run the scheduled work (expiry, lapses) themselves, at the moment they choose.
            .UseSetting("Accrue:BackgroundJobs", "false")
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error"));
        Seed = new Seed(this);
    }

    public TestDatabase Database { get; }
    public Seed Seed { get; }
    public IServiceProvider Services => factory.Services;

    public static async Task<AccrueApp> StartAsync(Database kind)
    {
        var app = new AccrueApp(TestDatabase.Create(kind));
        try
        {
            _ = app.factory.Server; // builds and starts the host
            await using var db = app.Db();
            _ = await db.Database.CanConnectAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A context that sees everything, as the application itself does: for seeding and for checking what was stored.</summary>
    public AccrueDb Db() => Services.GetRequiredService<AccrueStorage>().Create(Actor.System);

    public HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client that calls the API as <paramref name="user"/>, with a personal API token stored for them.</summary>
    public async Task<HttpClient> ClientFor(AccrueUser user)
    {
        var secret = ApiTokenSecret.New();
        await using (var db = Db())
        {
            db.ApiTokens.Add(new ApiToken
            {
                UserId = user.Id, Name = "tests", Prefix = secret[..10], SecretHash = ApiTokenSecret.Hash(secret),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        return WithToken(secret);
    }

    public HttpClient WithToken(string secret)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
