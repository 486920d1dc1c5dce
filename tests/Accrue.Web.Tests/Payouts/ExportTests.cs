using System.IO.Compression;
using System.Net;
using Accrue.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace Accrue.Web.Tests.Payouts;

/// <summary>The payment file and a statement come as CSV and as an Excel workbook; neither lets a cell become a formula.</summary>
public sealed class ExportTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    const string Hostile = "=HYPERLINK(\"http://attacker.example\",\"Click\")";

    [Theory, SqliteData, PostgresData]
    public async Task The_payment_file_and_a_statement_download_as_csv_and_excel_with_amounts_as_numbers_and_no_formula(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database));
        await using (var db = s.App.Db())
        {
            db.Attach(s.Acme);
            s.Acme.Name = Hostile;
            await db.SaveChangesAsync();
        }
        await s.StateAsync();
        var acme = await s.StatementOf(s.Acme);
        var birch = await s.StatementOf(s.Birch);
        foreach (var statement in new[] { acme, birch })
            await (await s.Finance.PostAsync($"/api/v1/payouts/statements/{statement.Id}/approval", null)).ShouldBe(HttpStatusCode.OK);
        var period = PayoutScenario.LastQuarter.Name;

        var workbook = await Download(s.Finance, $"/api/v1/payouts/payment-file?period={period}&format=xlsx");
        var rows = Rows(workbook);
        Assert.Equal([(Hostile, 3000.0), (s.Birch.Name, 400.0)], rows.Select(r => ((string)r["partner"]!, Convert.ToDouble(r["amount"]))));
        Assert.Equal(period, rows[0]["period"]);
        Assert.Empty(Formulas(workbook));

        var csv = await (await s.Finance.GetAsync($"/api/v1/payouts/payment-file?period={period}")).Content.ReadAsStringAsync();
        Assert.Contains("'=HYPERLINK", csv);   // the CSV form needs the apostrophe; the workbook holds text as text

        // Nothing approved in another period: the workbook still has its header.
        var empty = await Download(s.Finance, "/api/v1/payouts/payment-file?period=2001-Q1&format=xlsx");
        Assert.Equal(["statement_id", "period", "partner", "partner_external_id", "amount", "currency", "approved_by", "approved_on"],
            Assert.Single(MiniExcel.Query(new MemoryStream(empty)).Cast<IDictionary<string, object?>>()).Values);

        var refused = await (await s.Finance.GetAsync($"/api/v1/payouts/payment-file?period={period}&format=pdf")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("csv or xlsx", Assert.Single(refused.Errors!["format"]));

        // The partner downloads its own statement as a workbook, and nobody else's.
        var portal = await s.App.ClientFor(await s.App.Seed.PartnerUserOf(s.Acme));
        var mine = Rows(await Download(portal, $"/api/v1/payouts/statements/{acme.Id}/export?format=xlsx"));
        var line = Assert.Single(mine);
        Assert.Equal(("Quarterly rebate", 3000.0), ((string)line["rule"]!, Convert.ToDouble(line["amount"])));
        Assert.Contains("Quarterly rebate", (string)line["explanation"]!);
        await (await portal.GetAsync($"/api/v1/payouts/statements/{birch.Id}/export?format=xlsx")).ShouldBe(HttpStatusCode.NotFound);
    }

    static async Task<byte[]> Download(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    static List<IDictionary<string, object?>> Rows(byte[] workbook) =>
        MiniExcel.Query(new MemoryStream(workbook), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

    /// <summary>Every formula element in the workbook's sheets.</summary>
    static IEnumerable<string> Formulas(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook));
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            var xml = System.Xml.Linq.XDocument.Load(sheet.Open());
            foreach (var formula in xml.Descendants().Where(e => e.Name.LocalName == "f")) yield return formula.ToString();
        }
    }
}
