using Microsoft.Data.Sqlite;
using Npgsql;

namespace Accrue.Web.Tests.Infrastructure;

/// <summary>The database products Accrue runs on; storage tests run on each.</summary>
public enum Database { Sqlite, Postgres }

/// <summary>The PostgreSQL server the tests use, from the environment.</summary>
/// <remarks>
/// Without ACCRUE_TEST_POSTGRES a developer's run skips the PostgreSQL cases, but CI must not pass
/// by skipping them: there the cases run and fail with the reason.
/// </remarks>
public static class PostgresServer
{
    public const string Variable = "ACCRUE_TEST_POSTGRES";
    public const string Missing = $"{Variable} is not set; .ci/run starts PostgreSQL";

    static string? Configured => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
    static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL cases are skipped, or null when they run.</summary>
    public static string? SkipReason => Configured is null && !InCi ? Missing : null;

    public static string ConnectionString => Configured ?? throw new InvalidOperationException(Missing);
}

/// <summary>A fresh, empty database for one host: a SQLite file in a temp folder, or a PostgreSQL database of its own.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    readonly string? folder;

    TestDatabase(Database kind, string connectionString, string? folder)
    {
        Kind = kind;
        ConnectionString = connectionString;
        this.folder = folder;
    }

    public Database Kind { get; }
    public string ConnectionString { get; }
    public string Provider => Kind == Database.Postgres ? "postgres" : "sqlite";

    /// <summary>Names a database that does not exist yet: migrating creates it (EF Core does that on both providers).</summary>
    public static TestDatabase Create(Database kind)
    {
        if (kind == Database.Postgres)
        {
            var name = $"accrue_test_{Guid.NewGuid():N}";
            return new(kind, new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = name }.ToString(), null);
        }
        var folder = Directory.CreateTempSubdirectory("accrue-test-").FullName;
        return new(kind, $"Data Source={Path.Combine(folder, "accrue.db")}", folder);
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == Database.Postgres)
        {
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
            NpgsqlConnection.ClearAllPools();
            var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(server.ToString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }
        // Pooled connections keep the file open; let go of them before removing the folder.
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder!, recursive: true); }
        catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}
