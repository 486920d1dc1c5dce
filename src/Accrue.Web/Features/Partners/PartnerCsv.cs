using System.Globalization;
using System.Text;
using Accrue.Engine.Partners;
using Accrue.Web.Hosting;
using CsvHelper;

namespace Accrue.Web.Features.Partners;

/// <summary>One partner as a CSV row: the columns import reads and export writes, in this order.</summary>
public sealed record PartnerRow(
    int Line, string ExternalId, string Name, PartnerType Type, Region Region, string Country, string? Vertical,
    string? Website, PartnerStatus Status, DateOnly? JoinedOn, string? ManagerEmail);

/// <summary>What a partner file holds: the rows that parse, and every problem found, keyed by "line N, column".</summary>
public sealed record PartnerFile(IReadOnlyList<PartnerRow> Rows, Dictionary<string, List<string>> Errors)
{
    public void Error(string where, string message)
    {
        if (!Errors.TryGetValue(where, out var list)) Errors[where] = list = [];
        list.Add(message);
    }

    /// <summary>Throws the whole list of problems at once, if there are any: nothing has been written.</summary>
    public void ThrowIfInvalid()
    {
        if (Errors.Count == 0) return;
        throw new InvalidRequest(Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            $"The file was not imported: {Errors.Values.Sum(v => v.Count)} problem(s) to fix. Nothing was written.");
    }
}

/// <summary>The partner CSV format: UTF-8, comma-separated, RFC 4180 quoting, a header row.</summary>
/// <remarks>
/// Reading is strict (CsvHelper 34 is lenient by default and would read a broken quote as data):
/// every problem in the file is reported with its line and column, and nothing is imported unless
/// the whole file is clean. Writing escapes text that a spreadsheet would run as a formula.
/// </remarks>
public static class PartnerCsv
{
    public static readonly string[] Columns =
        ["external_id", "name", "type", "region", "country", "vertical", "website", "status", "joined_on", "manager_email"];

    static readonly string[] Required = ["external_id", "name", "type", "region", "country"];
    public const int MaxRows = 50_000;

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

    /// <summary>Reads the whole file, collecting every problem by line and column instead of stopping at the first.</summary>
    public static PartnerFile Read(Stream input)
    {
        var rows = new List<PartnerRow>();
        var file = new PartnerFile(rows, []);
        void Error(string where, string message) => file.Error(where, message);
        try
        {
            using var csv = CsvReader.Create(input, ReadOptions, leaveOpen: true);
            var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            foreach (var missing in Required.Where(c => !headers.Contains(c)))
                Error("line 1", $"The header has no '{missing}' column. Expected columns: {string.Join(",", Columns)}.");
            foreach (var unknown in headers.Where(h => !Columns.Contains(h)))
                Error("line 1", $"'{unknown}' is not a partner column. Expected columns: {string.Join(",", Columns)}.");
            foreach (var duplicate in headers.GroupBy(h => h).Where(g => g.Count() > 1))
                Error("line 1", $"The column '{duplicate.Key}' appears more than once.");
            if (file.Errors.Count > 0) return file;

            var index = Columns.ToDictionary(c => c, c => Array.IndexOf(headers, c));
            string? Field(string column) => index[column] < 0 ? null : Unescape(csv.GetString(index[column]).Trim()) is { Length: > 0 } v ? v : null;

            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                if (rows.Count >= MaxRows)
                {
                    Error($"line {line}", $"A file holds at most {MaxRows:N0} partners; split it.");
                    break;
                }
                if (ParseRow(line, Field, (column, message) => Error($"line {line}, {column}", message)) is { } row)
                    rows.Add(row);
            }
        }
        catch (CsvFormatException bad)
        {
            Error($"line {bad.LineNumber}", $"The file is not valid CSV here: {bad.Message}");
        }

        foreach (var duplicate in rows.GroupBy(r => r.ExternalId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            Error($"line {duplicate.Skip(1).First().Line}, external_id",
                  $"'{duplicate.Key}' appears on lines {string.Join(", ", duplicate.Select(r => r.Line))}; each partner may appear once.");
        if (rows.Count == 0 && file.Errors.Count == 0) Error("file", "The file has a header but no partners.");
        return file;
    }

    static PartnerRow? ParseRow(int line, Func<string, string?> field, Action<string, string> error)
    {
        var ok = true;
        string Required(string column)
        {
            if (field(column) is { } value) return value;
            error(column, "This column must have a value.");
            ok = false;
            return "";
        }
        T Choice<T>(string column, T fallback) where T : struct, Enum
        {
            var text = field(column);
            if (text is null) return fallback;
            if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !text.Any(char.IsDigit)) return value;
            error(column, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
            ok = false;
            return fallback;
        }

        var externalId = Required("external_id");
        var name = Required("name");
        if (name.Length > 200) { error("name", "A name has at most 200 characters."); ok = false; }
        if (externalId.Length > 100) { error("external_id", "An external id has at most 100 characters."); ok = false; }
        if (field("type") is null) { error("type", "This column must have a value."); ok = false; }
        if (field("region") is null) { error("region", "This column must have a value."); ok = false; }
        var type = Choice("type", PartnerType.Reseller);
        var region = Choice("region", Region.NorthAmerica);
        var status = Choice("status", PartnerStatus.Prospect);
        var country = Required("country").ToUpperInvariant();
        if (country.Length > 0 && !CountryCodes.IsValid(country)) { error("country", $"'{country}' is not an ISO 3166 two-letter country code."); ok = false; }
        var website = field("website");
        if (website is not null && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        { error("website", $"'{website}' is not a web address starting with http:// or https://."); ok = false; }
        DateOnly? joinedOn = null;
        if (field("joined_on") is { } joined)
        {
            if (DateOnly.TryParseExact(joined, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) joinedOn = date;
            else { error("joined_on", $"'{joined}' is not a date in the form 2026-03-31."); ok = false; }
        }
        return ok ? new PartnerRow(line, externalId, name, type, region, country, field("vertical"), website, status, joinedOn, field("manager_email")) : null;
    }

    /// <summary>Writes partners as CSV with a UTF-8 byte order mark, so Excel opens accents correctly.</summary>
    public static async Task WriteAsync(Stream output, IEnumerable<PartnerRow> partners, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, WriteOptions, leaveOpen: true);
        foreach (var column in Columns) csv.WriteField(column);
        await csv.EndRecordAsync(ct);
        foreach (var p in partners)
        {
            csv.WriteField(p.ExternalId);
            csv.WriteField(p.Name);
            csv.WriteField(p.Type.ToString().ToLowerInvariant());
            csv.WriteField(p.Region.ToString().ToLowerInvariant());
            csv.WriteField(p.Country);
            csv.WriteField(p.Vertical ?? "");
            csv.WriteField(p.Website ?? "");
            csv.WriteField(p.Status.ToString().ToLowerInvariant());
            csv.WriteField(p.JoinedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(p.ManagerEmail ?? "");
            await csv.EndRecordAsync(ct);
        }
    }

    // Export prefixes risky text with an apostrophe; reading it back removes that prefix again, so
    // that an exported file re-imports to the same values.
    static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    public static Encoding Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
}
