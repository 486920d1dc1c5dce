using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Accrue.Data;
using Accrue.Data.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Bench;

/// <summary>The real Accrue app, in-process on Kestrel over loopback, in Production, without the demo seed, logging warnings only.</summary>
sealed class AppUnderTest : IAsyncDisposable
{
    readonly WebApplicationFactory<Program> factory;

    AppUnderTest(WebApplicationFactory<Program> factory) => this.factory = factory;

    public Uri BaseAddress => factory.ClientOptions.BaseAddress;

    public static AppUnderTest Start(string provider, string connectionString)
    {
        // The app's content root is its project folder, as the build recorded it; without this the
        // factory guesses from the working folder, which is wrong when run from the repository root.
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        if (File.Exists(manifest)
            && JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))!
                .FirstOrDefault(e => e.Key.StartsWith("accrue,", StringComparison.Ordinal)).Value is { } root)
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ACCRUE", root);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Production")
            .UseSetting("Accrue:Database:Provider", provider)
            .UseSetting("Accrue:Database:ConnectionString", connectionString)
            .UseSetting("Accrue:Demo:Seed", "false")
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error"));
        factory.UseKestrel(0);
        factory.StartServer();
        if (!factory.ClientOptions.BaseAddress.IsLoopback) throw new InvalidOperationException("The app must listen on loopback only.");
        return new AppUnderTest(factory);
    }

    public AccrueDb Db() => factory.Services.GetRequiredService<AccrueStorage>().Create(Actor.System);

    /// <summary>
    /// A partner user with a personal API token for each of the given partners, created as the app
    /// creates them (Identity), the token stored as its SHA-256 hash; returns the bearer secrets.
    /// </summary>
    public async Task<string[]> PartnerUsersAsync(IReadOnlyList<Guid> partnerIds)
    {
        var secrets = new string[partnerIds.Count];
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AccrueUser>>();
        await using var db = Db();
        for (var i = 0; i < partnerIds.Count; i++)
        {
            var email = $"bench-user-{i}@partner.example";
            var user = new AccrueUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Bench user {i}", PartnerId = partnerIds[i],
                CreatedAt = DateTimeOffset.UtcNow, AcceptedAt = DateTimeOffset.UtcNow,
            };
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, AccrueRoles.PartnerUser));
            secrets[i] = $"acr_bench{i:D6}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
            db.ApiTokens.Add(new ApiToken
            {
                UserId = user.Id, Name = "bench", Prefix = secrets[i][..10], CreatedAt = DateTimeOffset.UtcNow,
                // What ApiTokenSecret.Hash keeps of a secret.
                SecretHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secrets[i]))),
            });
        }
        await db.SaveChangesAsync();
        return secrets;
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
