using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Accrue.Data;

/// <summary>
/// Appends new rows to a PostgreSQL table by binary COPY, column by column as the EF Core model maps the entity (column
/// names, value converters), on the context's connection and within its transaction. For appends of many rows at once,
/// where EF Core's change tracking and an INSERT per row cost more than the rows themselves: new registrations, saved in
/// groups, and the benchmark's loader.
/// </summary>
/// <remarks>
/// Only what EF Core itself would insert is written: properties it ignores before saving (a stamp a trigger sets) are left
/// to the database. Rows go in as given: no keys generated, no navigations followed; the caller appends parents first.
/// A row the database refuses fails the whole COPY, as a <see cref="DbUpdateException"/> like SaveChanges would throw.
/// </remarks>
public static class RowCopy
{
    /// <summary>A column of an entity's table and how to read its stored value from a row.</summary>
    public sealed record Column(string Name, Func<object, object?> Value);

    /// <summary>Writes a value of a column's stored type, typed: a value written as object makes Npgsql look its type up every time.</summary>
    delegate Task Writer(NpgsqlBinaryImporter copy, object value, CancellationToken ct);

    /// <param name="Writers">One per column, in the same order.</param>
    sealed record Table(string Name, string Copy, Column[] Columns, Writer[] Writers);

    /// <summary>By model as well as type: SQLite's model stores some types differently (its mapping feeds the benchmark's loader).</summary>
    static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    /// <summary>The table an entity is stored in and the columns EF Core would insert, with their stored values.</summary>
    public static (string Table, IReadOnlyList<Column> Columns) MappingOf<T>(AccrueDb db) where T : class
    {
        var table = Tables.GetOrAdd((db.Model, typeof(T)), key => TableOf(key.Item1, key.Item2));
        return (table.Name, table.Columns);
    }

    public static async Task<long> AppendAsync<T>(AccrueDb db, IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var table = Tables.GetOrAdd((db.Model, typeof(T)), key => TableOf(key.Item1, key.Item2));
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            await using var copy = await connection.BeginBinaryImportAsync(table.Copy, ct);
            long count = 0;
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                for (var i = 0; i < table.Columns.Length; i++)
                {
                    if (table.Columns[i].Value(row) is { } value) await table.Writers[i](copy, value, ct);
                    else await copy.WriteNullAsync(ct);
                }
                count++;
            }
            await copy.CompleteAsync(ct);
            return count;
        }
        catch (PostgresException refused)
        {
            throw new DbUpdateException($"PostgreSQL refused rows of {typeof(T).Name}: {refused.MessageText}", refused);
        }
    }

    static Table TableOf(IModel model, Type type)
    {
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var shadow = entity.GetProperties().Where(p => p.IsShadowProperty()).Select(p => p.Name).ToList();
        if (shadow.Count > 0)
            throw new NotSupportedException($"{type.Name} has shadow properties ({string.Join(", ", shadow)}), which a row does not carry.");
        var saved = entity.GetProperties().Where(p => p.GetBeforeSaveBehavior() == PropertySaveBehavior.Save).ToArray();
        var columns = saved.Select(p =>
        {
            var getter = p.GetGetter();
            var converter = p.GetValueConverter() ?? p.GetTypeMapping().Converter;
            return new Column(p.GetColumnName(table)!, row => getter.GetClrValue(row) is { } value
                                                                   ? converter is null ? value : converter.ConvertToProvider(value)
                                                                   : null);
        }).ToArray();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var writers = saved.Select(p => (p.GetValueConverter() ?? p.GetTypeMapping().Converter)?.ProviderClrType ?? p.ClrType)
            .Select(stored => WriterOf(Nullable.GetUnderlyingType(stored) ?? stored)).ToArray();
        return new Table(table.Name, $"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", columns, writers);
    }

    static Writer WriterOf(Type stored) =>
        typeof(RowCopy).GetMethod(nameof(WriteTyped), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(stored).CreateDelegate<Writer>();

    static Task WriteTyped<T>(NpgsqlBinaryImporter copy, object value, CancellationToken ct) => copy.WriteAsync((T)value, ct);
}
