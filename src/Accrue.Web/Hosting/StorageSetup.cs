using Accrue.Data;
using Accrue.Data.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Accrue.Web.Hosting;

static class StorageSetup
{
    /// <summary>SQLite by default (a file in the working folder), PostgreSQL by "Accrue:Database:Provider".</summary>
    public static void AddAccrueStorage(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new InvalidOperationException($"{DatabaseOptions.Section}:ConnectionString is empty: set it, or leave it out to use the SQLite default.");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<AccrueStorage>();
        builder.Services.AddScoped<CurrentActor>();
        builder.Services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        builder.Services.AddScoped<AccrueDbFactory>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditTrail>();

        // Identity's stores and the data-protection key ring are the application's own plumbing:
        // they run as the system actor. Features never take this context; they use AccrueDbFactory,
        // whose contexts carry the signed-in user's scope.
        builder.Services.AddScoped<AccrueDb>(sp => sp.GetRequiredService<AccrueStorage>().Create(Actor.System));
        builder.Services.AddDataProtection().SetApplicationName("Accrue").PersistKeysToDbContext<AccrueDb>();

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }
}

/// <summary>/health is healthy when the database answers.</summary>
sealed class DatabaseHealthCheck(AccrueStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = storage.Create(Actor.System);
        return await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}
