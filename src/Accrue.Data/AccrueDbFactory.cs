using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Accrue.Data;

/// <summary>Where Accrue keeps its data: "sqlite" (default) or "postgres", with a connection string.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Accrue:Database";
    public string Provider { get; set; } = "sqlite";
    public string ConnectionString { get; set; } = "Data Source=accrue.db";

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
                              || string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The one source of the acting user for data access in a request or a Blazor circuit.</summary>
public interface ICurrentActor
{
    Actor Actor { get; }
}

/// <summary>Makes an <see cref="AccrueDb"/> per operation for the current actor.</summary>
/// <remarks>
/// A context per operation, not per scope: a Blazor circuit is a scope that lives as long as the
/// browser tab, and a context that long-lived would serve stale data and grow without bound.
/// </remarks>
public sealed class AccrueDbFactory(AccrueStorage storage, ICurrentActor current)
{
    public AccrueDb Create() => storage.Create(current.Actor);
    public Actor Actor => current.Actor;
}

/// <summary>The configured database: makes contexts for any actor and migrates the schema.</summary>
public sealed class AccrueStorage
{
    readonly DatabaseOptions options;
    readonly DbContextOptions sqlite;
    readonly DbContextOptions postgres;

    public AccrueStorage(DatabaseOptions options)
    {
        this.options = options;
        if (options.IsPostgres)
        {
            sqlite = null!;
            postgres = new DbContextOptionsBuilder<PostgresAccrueDb>()
                .UseNpgsql(WithPostgresDefaults(options.ConnectionString), npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"))
                .Options;
        }
        else
        {
            postgres = null!;
            sqlite = new DbContextOptionsBuilder<SqliteAccrueDb>()
                .UseSqlite(WithSafeDefaults(options.ConnectionString))
                .Options;
        }
    }

    public bool IsPostgres => options.IsPostgres;

    public AccrueDb Create(Actor actor) => options.IsPostgres
        ? new PostgresAccrueDb((DbContextOptions<PostgresAccrueDb>)postgres, actor)
        : new SqliteAccrueDb((DbContextOptions<SqliteAccrueDb>)sqlite, actor);

    /// <summary>Applies pending migrations and, on SQLite, switches the file to write-ahead logging.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = Create(Actor.System);
        await db.Database.MigrateAsync(ct);
        if (!options.IsPostgres)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// Prepares the statements a connection runs often, unless the connection string says otherwise:
    /// every request repeats the same few, and PostgreSQL then skips parsing and planning them.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        // The generic builder knows only the keys that were written; Npgsql's would report every key it supports.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("MaxAutoPrepare")) builder.MaxAutoPrepare = 200;
        if (!written.Contains("AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        return builder.ToString();
    }

    // A busy timeout lets concurrent writers wait their turn instead of failing with "database is locked".
    static string WithSafeDefaults(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true }.ToString();
}
