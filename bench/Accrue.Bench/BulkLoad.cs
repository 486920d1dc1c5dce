using Accrue.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Accrue.Bench;

/// <summary>
/// Writes entities straight into their tables, column by column as the EF Core model maps them
/// (names, value converters): SQLite in one transaction with one prepared INSERT, PostgreSQL by binary COPY (RowCopy).
/// </summary>
static class BulkLoad
{
    sealed record Column(string Name, Func<object, object?> Value);

    public static async Task<long> IntoAsync<T>(AccrueStorage storage, string connectionString, IEnumerable<T> rows) where T : class
    {
        await using var db = storage.Create(Actor.System);
        if (storage.IsPostgres) return await RowCopy.AppendAsync(db, rows);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => !p.IsShadowProperty()).Select(p =>
        {
            var getter = p.GetGetter();
            var converter = p.GetValueConverter() ?? p.GetTypeMapping().Converter;
            return new Column(p.GetColumnName(table)!, row =>
            {
                var value = getter.GetClrValue(row);
                if (value is null) return null;
                if (converter is not null) value = converter.ConvertToProvider(value);
                // EF Core keeps GUIDs in SQLite as upper-case text.
                return value is Guid id ? id.ToString().ToUpperInvariant() : value;
            });
        }).ToArray();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        return LoadSqlite(connectionString, $"\"{table.Name}\"", names, columns, rows);
    }

    static long LoadSqlite<T>(string connectionString, string table, string names, Column[] columns, IEnumerable<T> rows) where T : class
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
