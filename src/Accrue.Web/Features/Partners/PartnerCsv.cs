using System.Globalization;
using Accrue.Engine.Partners;
using Accrue.Web.Hosting;

namespace Accrue.Web.Features.Partners;

/// <summary>One partner as a CSV row: the columns import reads and export writes, in this order.</summary>
public sealed record PartnerRow(
    int Line, string ExternalId, string Name, PartnerType Type, Region Region, string Country, string? Vertical,
    string? Website, PartnerStatus Status, DateOnly? JoinedOn, string? ManagerEmail);

/// <summary>The partner CSV format (docs/partners.md), on <see cref="CsvFiles"/>.</summary>
public static class PartnerCsv
{
    public static readonly string[] Columns =
        ["external_id", "name", "type", "region", "country", "vertical", "website", "status", "joined_on", "manager_email"];

    static readonly string[] Required = ["external_id", "name", "type", "region", "country"];
    public const int MaxRows = 50_000;

    /// <summary>Reads the whole file, recording every problem by line and column instead of stopping at the first.</summary>
    public static IReadOnlyList<PartnerRow> Read(Stream input, ImportProblems problems)
    {
        var rows = new List<PartnerRow>();
        CsvFiles.Read(input, Columns, Required, MaxRows, problems, row =>
        {
            if (Parse(row) is { } partner) rows.Add(partner);
        });
        CsvFiles.RefuseDuplicates(rows, r => r.ExternalId, r => r.Line, "external_id", problems);
        return rows;
    }

    static PartnerRow? Parse(CsvRow row)
    {
        var externalId = row.Text("external_id", 100, required: true);
        var name = row.Text("name", 200, required: true);
        var type = row.Choice<PartnerType>("type", required: true);
        var region = row.Choice<Region>("region", required: true);
        var status = row.Choice<PartnerStatus>("status") ?? PartnerStatus.Prospect;
        var country = row.Text("country", 2, required: true)?.ToUpperInvariant();
        if (country is not null && !CountryCodes.IsValid(country)) row.Problem("country", $"'{country}' is not an ISO 3166 two-letter country code.");
        var website = row.Text("website", 300);
        if (website is not null && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            row.Problem("website", $"'{website}' is not a web address starting with http:// or https://.");
        var joinedOn = row.Date("joined_on");
        var vertical = row.Text("vertical", 100);
        var manager = row.Text("manager_email", 254);
        return row.Ok
            ? new PartnerRow(row.Line, externalId!, name!, type!.Value, region!.Value, country!, vertical, website, status, joinedOn, manager)
            : null;
    }

    public static Task WriteAsync(Stream output, IEnumerable<PartnerRow> partners, CancellationToken ct) =>
        CsvFiles.WriteAsync(output, Columns, partners.Select(p => new[]
        {
            p.ExternalId, p.Name, p.Type.ToString().ToLowerInvariant(), p.Region.ToString().ToLowerInvariant(), p.Country, p.Vertical,
            p.Website, p.Status.ToString().ToLowerInvariant(), p.JoinedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.ManagerEmail,
        }), ct);
}
