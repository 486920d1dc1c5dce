using Accrue.Data;
using Microsoft.AspNetCore.Identity;

namespace Accrue.Web.Features.Demo;

static class DatabaseStartup
{
    public static void AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions());
        builder.Services.AddScoped<DemoProgram>();
        builder.Services.AddScoped<DemoDeals>();
        builder.Services.AddScoped<DemoTraining>();
        builder.Services.AddScoped<DemoTiers>();
        builder.Services.AddScoped<DemoIncentives>();
    }

    /// <summary>Migrates the database, makes sure the roles exist, and seeds the demo into an empty database if configured.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        await app.Services.GetRequiredService<AccrueStorage>().MigrateAsync(ct);
        await using var scope = app.Services.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider);
        var demo = app.Services.GetRequiredService<DemoOptions>();
        if (demo.Seed && await scope.ServiceProvider.GetRequiredService<DemoProgram>().SeedAsync(ct))
            app.Logger.LogInformation("Seeded the demo program: {Partners} partners.", demo.Partners);
        if (demo.Seed)
            app.Lifetime.ApplicationStarted.Register(() => PrintSignIn(app));
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in AccrueRoles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
    }

    static void PrintSignIn(WebApplication app)
    {
        var address = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
        Console.WriteLine();
        Console.WriteLine($"Accrue demo is running: open {address} and sign in with a demo button, or with one of:");
        foreach (var (email, _, role) in DemoPersonas.All)
            Console.WriteLine($"  {role,-15} {email,-28} password: {DemoPersonas.Password}");
        Console.WriteLine();
    }
}
