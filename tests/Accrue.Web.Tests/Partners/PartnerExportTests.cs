using System.Net;
using System.Net.Http.Headers;
using Accrue.Web.Features.Partners;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Partners;

/// <summary>The partner CSV export: safe to open in a spreadsheet, and it re-imports to the same values (reliability T9).</summary>
public sealed class PartnerExportTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static readonly string[] FormulaLike = ["=SUM(A1:A9)", "+31 20 555 0100", "-2 Consulting", "@risk Partners"];

    async Task<(AccrueApp App, HttpClient Admin, byte[] Csv)> Export(Database database)
    {
        var app = await apps.On(database);
        var manager = await app.Seed.PartnerManager();
        foreach (var name in FormulaLike) await app.Seed.Partner(name, manager);
        await app.Seed.Partner("Acme \"Best\", Inc.");
        await app.Seed.Partner("Zürich Ökosysteme");
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var response = await admin.GetAsync("/api/v1/partners/export");
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (app, admin, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Formula_like_names_are_exported_behind_an_apostrophe_in_a_file_with_a_utf8_bom()
    {
        var (_, _, csv) = await Export(Database.Sqlite);
        var text = System.Text.Encoding.UTF8.GetString(csv);

        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        foreach (var name in FormulaLike)
        {
            Assert.Contains($"'{name}", text);
            Assert.DoesNotContain($",{name}", text);
        }
        Assert.Contains("\"Acme \"\"Best\"\", Inc.\"", text);
        Assert.Contains("Zürich Ökosysteme", text);
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_exported_file_imports_back_unchanged(Database database)
    {
        var (app, admin, csv) = await Export(database);
        await using var db = app.Db();
        var names = (await db.Partners.Select(p => p.Name).ToListAsync()).Order().ToList();
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var result = await (await admin.PostAsync("/api/v1/partners/import", content)).Read<PartnerImportResult>();

        Assert.Equal(new PartnerImportResult(0, 0, names.Count), result);
        Assert.Equal(names, (await db.Partners.Select(p => p.Name).ToListAsync()).Order());
        Assert.Contains("=SUM(A1:A9)", names);
    }
}
