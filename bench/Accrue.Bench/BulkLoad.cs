using Accrue.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Bench;

/// <summary>
/// Writes entities straight into their tables, column by column as the EF Core model maps them
/// (names, value converters): SQLite in one transaction with one prepared INSERT, PostgreSQL by binary COPY (RowCopy).
/// </summary>
static class BulkLoad
{
    public static async Task<long> IntoAsync<T>(AccrueStorage storage, string connectionString, IEnumerable<T> rows) where T : class
    {
        await using var db = storage.Create(Actor.System);
        if (storage.IsPostgres) return await RowCopy.AppendAsync(db, rows);
        var (table, mapped) = RowCopy.MappingOf<T>(db);
        // EF Core keeps GUIDs in SQLite as upper-case text.
        var columns = mapped.Select(c => c with { Value = row => c.Value(row) switch { Guid id => id.ToString().ToUpperInvariant(), var value => value } })
            .ToArray();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        return LoadSqlite(connectionString, $"\"{table}\"", names, columns, rows);
    }

    static long LoadSqlite<T>(string connectionString, string table, string names, RowCopy.Column[] columns, IEnumerable<T> rows) where T : class
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;";
            pragma.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        insert.Prepare();
        long count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++) parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
            insert.ExecuteNonQuery();
            count++;
        }
        tx.Commit();
        return count;
    }

    /// <summary>Fresh statistics for the planner after the load (and, on PostgreSQL, hint bits and the visibility map).</summary>
    public static async Task AnalyzeAsync(AccrueStorage storage)
    {
        await using var db = storage.Create(Actor.System);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlRawAsync(storage.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE");
    }
}
