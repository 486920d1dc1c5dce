using System.Data;
using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Accrue.Web.Hosting;

/// <summary>A downloadable table: a file name (without extension), a sheet name, one header, rows of text; amounts are invariant decimals ("1234.50").</summary>
public sealed record ExportTable(string FileName, string Sheet, string[] Columns, IReadOnlyList<string?[]> Rows, string[] AmountColumns);

/// <summary>The forms an export comes in: CSV (the default) and an Excel workbook.</summary>
public enum ExportFormat { Csv, Xlsx }

public static class Exports
{
    const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The format a request asks for with <c>?format=</c>: csv when absent; anything else is refused, naming the field.</summary>
    public static ExportFormat FormatOf(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => throw InvalidRequest.For("format", $"'{format}' is not an export format; ask for csv or xlsx."),
    };

    /// <summary>The table as a file to download, named <c>{FileName}.csv</c> or <c>{FileName}.xlsx</c>.</summary>
    public static async Task<IResult> FileAsync(ExportTable table, ExportFormat format, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await WriteAsync(buffer, table, format, ct);
        return format == ExportFormat.Xlsx
            ? TypedResults.File(buffer.ToArray(), XlsxType, $"{table.FileName}.xlsx")
            : TypedResults.File(buffer.ToArray(), "text/csv", $"{table.FileName}.csv");
    }

    public static async Task WriteAsync(Stream output, ExportTable table, ExportFormat format, CancellationToken ct)
    {
        if (format == ExportFormat.Csv)
        {
            await CsvFiles.WriteAsync(output, table.Columns, table.Rows, ct);
            return;
        }
        // Text goes in as text: the workbook holds values only, never a formula, so a partner's name
        // such as "=HYPERLINK(…)" stays inert without the apostrophe the CSV form needs. Amounts go in
        // as numbers, so that finance can add them up.
        // A data table, not a list of rows, so that an empty export still has its header.
        var amounts = table.AmountColumns.ToHashSet(StringComparer.Ordinal);
        using var sheet = new DataTable(table.Sheet);
        foreach (var column in table.Columns) sheet.Columns.Add(column, amounts.Contains(column) ? typeof(decimal) : typeof(string));
        foreach (var row in table.Rows)
            sheet.Rows.Add(row.Select((value, i) => value is null ? DBNull.Value
                : amounts.Contains(table.Columns[i]) ? decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture) : (object)value).ToArray());
        var configuration = new OpenXmlConfiguration
        {
            // Two to three decimals: cents show as 12.50, and currencies with three (BHD) are not rounded for display.
            DynamicColumns = table.AmountColumns.Select(c => new DynamicExcelColumn(c) { Format = "#,##0.00#" }).ToArray(),
        };
        await output.SaveAsAsync(sheet, sheetName: table.Sheet, configuration: configuration, cancellationToken: ct);
    }
}
