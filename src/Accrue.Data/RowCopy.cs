using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Accrue.Data;

/// <summary>
/// Appends new rows to PostgreSQL tables, column by column as the EF Core model maps each entity (column names, value
/// converters), on the context's connection and within its transaction, without EF Core's change tracking and an INSERT
/// per row, which cost more than the rows themselves. Many rows of one table (the benchmark's loader) go by binary COPY
/// (<see cref="AppendAsync{T}"/>); the few rows of several tables that a group of registrations writes go in one round
/// trip (<see cref="Inserts"/>), where COPY would take two per table.
/// </summary>
/// <remarks>
/// Only what EF Core itself would insert is written: properties it ignores before saving (a stamp a trigger sets) are left
/// to the database. Rows go in as given: no keys generated, no navigations followed; the caller appends parents first.
/// A row the database refuses fails the whole append, as a <see cref="DbUpdateException"/> like SaveChanges would throw.
/// </remarks>
public static class RowCopy
{
    /// <summary>A column of an entity's table and how to read its stored value from a row.</summary>
    public sealed record Column(string Name, Func<object, object?> Value);

    /// <summary>Writes a value of a column's stored type, typed: a value written as object makes Npgsql look its type up every time.</summary>
    delegate Task Writer(NpgsqlBinaryImporter copy, object value, CancellationToken ct);

    /// <summary>A column's stored values of some rows as one array parameter, typed as the column stores them.</summary>
    delegate NpgsqlParameter ArrayOf(IReadOnlyList<object> rows, Func<object, object?> value);

    /// <param name="Writers">COPY's writer of each column, in the same order.</param>
    /// <param name="Arrays">The array parameter of each column for <see cref="Insert"/>, in the same order.</param>
    /// <param name="Insert">The rows' INSERT from one array per column.</param>
    sealed record Table(string Name, string Copy, Column[] Columns, Writer[] Writers, ArrayOf[] Arrays, string Insert);

    /// <summary>By model as well as type: SQLite's model stores some types differently (its mapping feeds the benchmark's loader).</summary>
    static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    /// <summary>The table an entity is stored in and the columns EF Core would insert, with their stored values.</summary>
    public static (string Table, IReadOnlyList<Column> Columns) MappingOf<T>(AccrueDb db) where T : class
    {
        var table = TableOf<T>(db);
        return (table.Name, table.Columns);
    }

    static Table TableOf<T>(AccrueDb db) => Tables.GetOrAdd((db.Model, typeof(T)), key => TableOf(key.Item1, key.Item2));

    public static async Task<long> AppendAsync<T>(AccrueDb db, IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var table = TableOf<T>(db);
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
        var stored = saved.Select(p => (p.GetValueConverter() ?? p.GetTypeMapping().Converter)?.ProviderClrType ?? p.ClrType)
            .Select(type => Nullable.GetUnderlyingType(type) ?? type).ToArray();
        // unnest zips the arrays into rows; the INSERT converts each to its column's type as an assignment would, so a
        // value too long for its column is refused, not cut.
        var arrays = string.Join(", ", columns.Select((_, i) => $"${i + 1}"));
        return new Table(table.Name, $"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", columns,
                         stored.Select(type => Generic<Writer>(nameof(WriteTyped), type)).ToArray(),
                         stored.Select(type => Generic<ArrayOf>(nameof(ArrayOfStored), type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type))
                             .ToArray(),
                         $"INSERT INTO \"{table.Name}\" ({names}) SELECT * FROM unnest({arrays})");
    }

    static TDelegate Generic<TDelegate>(string method, Type stored) where TDelegate : Delegate =>
        typeof(RowCopy).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(stored).CreateDelegate<TDelegate>();

    static Task WriteTyped<T>(NpgsqlBinaryImporter copy, object value, CancellationToken ct) => copy.WriteAsync((T)value, ct);

    /// <typeparam name="T">The stored type, nullable: <c>int?</c> for an integer column, so that the array can hold nulls.</typeparam>
    static NpgsqlParameter ArrayOfStored<T>(IReadOnlyList<object> rows, Func<object, object?> value)
    {
        var array = new T[rows.Count];
        for (var i = 0; i < array.Length; i++) array[i] = (T)value(rows[i])!;
        return new NpgsqlParameter<T[]> { TypedValue = array };
    }

    /// <summary>
    /// New rows of several tables, saved in one round trip: an INSERT per table, each from one array per column, in one
    /// batch, prepared once per connection. Tables are written in the order they were added (parents first).
    /// </summary>
    public sealed class Inserts(AccrueDb db)
    {
        readonly List<NpgsqlBatchCommand> commands = [];
        /// <summary>The commands whose rows may be skipped, and how many rows each was given.</summary>
        readonly List<(NpgsqlBatchCommand Command, int Rows)> unlessPresent = [];

        public Inserts Add<T>(IEnumerable<T> rows) where T : class
        {
            Command(rows, skipPresent: false);
            return this;
        }

        /// <summary>Rows that a unique index of their table may hold already: those are skipped, and counted by <see cref="SaveAsync"/>.</summary>
        public Inserts AddUnlessPresent<T>(IEnumerable<T> rows) where T : class
        {
            if (Command(rows, skipPresent: true) is { } added) unlessPresent.Add(added);
            return this;
        }

        /// <returns>The rows' INSERT and how many rows it was given; null for no rows.</returns>
        (NpgsqlBatchCommand, int)? Command<T>(IEnumerable<T> rows, bool skipPresent) where T : class
        {
            IReadOnlyList<object> list = rows as IReadOnlyList<T> ?? rows.ToList();
            if (list.Count == 0) return null;
            var table = TableOf<T>(db);
            var command = new NpgsqlBatchCommand(skipPresent ? table.Insert + " ON CONFLICT DO NOTHING" : table.Insert);
            for (var i = 0; i < table.Columns.Length; i++) command.Parameters.Add(table.Arrays[i](list, table.Columns[i].Value));
            commands.Add(command);
            return (command, list.Count);
        }

        /// <returns>How many rows given to <see cref="AddUnlessPresent{T}"/> were skipped.</returns>
        public async Task<int> SaveAsync(CancellationToken ct)
        {
            if (commands.Count == 0) return 0;
            await db.Database.OpenConnectionAsync(ct);
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            foreach (var command in commands) batch.BatchCommands.Add(command);
            try
            {
                // A no-op for statements this connection has prepared before; the plans are kept between groups.
                await batch.PrepareAsync(ct);
                await batch.ExecuteNonQueryAsync(ct);
                return unlessPresent.Sum(added => added.Rows - added.Command.RecordsAffected);
            }
            catch (PostgresException refused)
            {
                throw new DbUpdateException($"PostgreSQL refused rows of {refused.TableName ?? "a table"}: {refused.MessageText}", refused);
            }
        }
    }
}
