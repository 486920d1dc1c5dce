using System.Globalization;
using CsvHelper;

namespace Accrue.Web.Hosting;

/// <summary>Every problem found in an imported file, keyed by where it is ("line 3, type"); nothing is written while there are any.</summary>
public sealed class ImportProblems
{
    public Dictionary<string, List<string>> ByPlace { get; } = [];
    public int Count => ByPlace.Values.Sum(v => v.Count);

    public void Add(string where, string message)
    {
        if (!ByPlace.TryGetValue(where, out var list)) ByPlace[where] = list = [];
        list.Add(message);
    }

    /// <summary>The line a place names ("line 12, type" → 12), to list problems in file order; 0 for the file as a whole.</summary>
    public static int LineOf(string where) =>
        where.StartsWith("line ", StringComparison.Ordinal) && int.TryParse(where[5..].Split(',')[0], out var line) ? line : 0;

    public void ThrowIfAny()
    {
        if (Count == 0) return;
        throw new InvalidRequest(ByPlace.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            $"The file was not imported: {Count} problem(s) to fix. Nothing was written.");
    }
}

/// <summary>One row of an imported file: typed reads that record a problem (with line and column) instead of throwing.</summary>
public sealed class CsvRow(int line, Func<string, string?> field, ImportProblems problems)
{
    public int Line { get; } = line;
    public bool Ok { get; private set; } = true;

    public void Problem(string column, string message)
    {
        problems.Add($"line {Line}, {column}", message);
        Ok = false;
    }

    public string? Text(string column, int maxLength, bool required = false)
    {
        var value = field(column);
        if (value is null && required) Problem(column, "This column must have a value.");
        else if (value is { Length: var length } && length > maxLength) Problem(column, $"At most {maxLength} characters.");
        return value;
    }

    public T? Choice<T>(string column, bool required = false) where T : struct, Enum
    {
        var text = field(column);
        if (text is null)
        {
            if (required) Problem(column, "This column must have a value.");
            return null;
        }
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !text.Any(char.IsDigit)) return value;
        Problem(column, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        return null;
    }

    public DateOnly? Date(string column, bool required = false)
    {
        var text = field(column);
        if (text is null)
        {
            if (required) Problem(column, "This column must have a value.");
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Problem(column, $"'{text}' is not a date in the form 2026-03-31.");
        return null;
    }

    /// <summary>An amount with a point for decimals and no thousands separators, e.g. 12500.50.</summary>
    public decimal? Amount(string column, bool required = false)
    {
        var text = field(column);
        if (text is null)
        {
            if (required) Problem(column, "This column must have a value.");
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
            && amount >= 0 && amount < 10_000_000_000m)
            return amount;
        Problem(column, $"'{text}' is not an amount such as 12500.50 (a point for decimals, no thousands separators, not negative).");
        return null;
    }
}

/// <summary>Accrue's CSV files: UTF-8, comma-separated, RFC 4180 quoting, a header row; strict on the way in, formula-safe on the way out.</summary>
/// <remarks>See ADR-006: CsvHelper 34's lenient defaults are replaced, so a broken file is an error, not data.</remarks>
public static class CsvFiles
{
    static readonly CsvReaderOptions ReadOptions = new()
    {
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        TrackLineNumbers = true,
        MaxRecordSize = 64 * 1024,
    };

    static readonly CsvWriterOptions WriteOptions = new()
    {
        Separator = ',',
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        NewLine = "\r\n",
    };

    /// <summary>Checks the header, then hands each row to <paramref name="read"/>; every problem goes to <paramref name="problems"/>.</summary>
    public static void Read(Stream input, string[] columns, string[] required, int maxRows, ImportProblems problems, Action<CsvRow> read)
    {
        try
        {
            using var csv = CsvReader.Create(input, ReadOptions, leaveOpen: true);
            var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var expected = $"Expected columns: {string.Join(",", columns)}.";
            foreach (var missing in required.Where(c => !headers.Contains(c)))
                problems.Add("line 1", $"The header has no '{missing}' column. {expected}");
            foreach (var unknown in headers.Where(h => !columns.Contains(h)))
                problems.Add("line 1", $"'{unknown}' is not a column of this file. {expected}");
            foreach (var duplicate in headers.GroupBy(h => h).Where(g => g.Count() > 1))
                problems.Add("line 1", $"The column '{duplicate.Key}' appears more than once.");
            if (problems.Count > 0) return;

            var index = columns.ToDictionary(c => c, c => Array.IndexOf(headers, c));
            string? Field(string column) =>
                index[column] < 0 ? null : Unescape(csv.GetString(index[column]).Trim()) is { Length: > 0 } v ? v : null;
            var rows = 0;
            while (csv.Read())
            {
                if (++rows > maxRows)
                {
                    problems.Add($"line {csv.LineNumber}", $"A file holds at most {maxRows:N0} rows; split it.");
                    return;
                }
                read(new CsvRow((int)csv.LineNumber, Field, problems));
            }
            if (rows == 0) problems.Add("file", "The file has a header but no rows.");
        }
        catch (CsvFormatException bad)
        {
            problems.Add($"line {bad.LineNumber}", $"The file is not valid CSV here: {bad.Message}");
        }
    }

    /// <summary>Writes a header and rows, with a UTF-8 byte order mark so that Excel reads accents correctly.</summary>
    public static async Task WriteAsync(Stream output, string[] columns, IEnumerable<string?[]> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, WriteOptions, leaveOpen: true);
        foreach (var column in columns) csv.WriteField(column);
        await csv.EndRecordAsync(ct);
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                // A negative amount is a number, not a formula: write it as one, since the injection guard
                // would prefix any text that starts with '-' and spreadsheets would then read it as text.
                if (NegativeNumber(value) is { } number) csv.WriteField(number, default);
                else csv.WriteField(value ?? "");
            }
            await csv.EndRecordAsync(ct);
        }
    }

    static decimal? NegativeNumber(string? value) =>
        value is ['-', >= '0' and <= '9', ..]
        && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
        && number.ToString(CultureInfo.InvariantCulture) == value ? number : null;

    /// <summary>Reports the second and later appearances of a key that may appear once per file.</summary>
    public static void RefuseDuplicates<T>(IEnumerable<T> rows, Func<T, string> key, Func<T, int> line, string column, ImportProblems problems)
    {
        foreach (var duplicate in rows.GroupBy(key, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"line {line(duplicate.Skip(1).First())}, {column}",
                         $"'{duplicate.Key}' appears on lines {string.Join(", ", duplicate.Select(line))}; each may appear once.");
    }

    // Export prefixes risky text with an apostrophe; reading removes that prefix again, so that an
    // exported file re-imports to the same values.
    static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
