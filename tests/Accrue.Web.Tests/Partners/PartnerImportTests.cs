using System.Net;
using Accrue.Engine.Partners;
using Accrue.Web.Features.Partners;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Partners;

/// <summary>Importing partners from CSV: every row or none, errors by line and column, idempotent by external id.</summary>
public sealed class PartnerImportTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    const string Header = "external_id,name,type,region,country,vertical,website,status,joined_on,manager_email";

    static string File(params string[] rows) => string.Join("\n", [Header, .. rows]) + "\n";

    /// <summary>External ids unique to one test, since tests of a class share a database.</summary>
    static string Prefix() => $"T{Guid.NewGuid().ToString("N")[..6]}";

    static async Task<(int Partners, int Audit)> Counts(AccrueApp app)
    {
        await using var db = app.Db();
        return (await db.Partners.CountAsync(), await db.AuditEntries.CountAsync());
    }

    public static TheoryData<string, string> BadRows() => new()
    {
        { "X-3,Umbrella,distributor,europe,DE,,,,,", "line 3, type" },
        { "X-3,Umbrella,reseller,europe,Germany,,,,,", "line 3, country" },
        { "X-3,,reseller,europe,DE,,,,,", "line 3, name" },
        { "X-2,Umbrella,reseller,europe,DE,,,,,", "line 3, external_id" },
        { "X-3,Umbrella,reseller,europe,DE,,,,2026-02-30,", "line 3, joined_on" },
        { "X-3,Umbrella,reseller,europe,DE,,ftp://umbrella.example,,,", "line 3, website" },
        { "X-3,\"Umbrella,reseller,europe,DE,,,,,", "line 3" },
        { "X-3,Umbr\"ella,reseller,europe,DE,,,,,", "line 3" },
        { "X-3,Umbrella,reseller,europe,DE,,,,,nobody@test.example", "line 3, manager_email" },
    };

    [Theory, MemberData(nameof(BadRows))]
    public async Task A_bad_row_answers_400_naming_its_line_and_column_and_nothing_is_imported(string badRow, string key)
    {
        var app = await apps.On(Database.Sqlite);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var before = await Counts(app);

        var problem = await (await admin.PostCsv("/api/v1/partners/import", File("X-2,Acme,reseller,europe,DE,,,,,", badRow)))
            .Problem(HttpStatusCode.BadRequest);

        Assert.Equal([key], problem.Errors!.Keys);
        Assert.Equal(before, await Counts(app));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_file_with_several_bad_rows_names_every_one_and_imports_none(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var before = await Counts(app);
        var p = Prefix();
        var csv = File(
            $"{p}-1,Acme,reseller,europe,DE,,,,,",
            $"{p}-2,Globex,distributor,europe,DE,,,,,",
            $"{p}-3,Initech,reseller,europe,Germany,,,,,",
            $"{p}-4,,reseller,europe,DE,,,,,",
            $"{p}-1,Acme again,reseller,europe,DE,,,,,",
            $"{p}-5,Hooli,msp,asiapacific,JP,,,,,nobody@test.example");

        var problem = await (await admin.PostCsv("/api/v1/partners/import", csv)).Problem(HttpStatusCode.BadRequest);

        // Problems of the format and problems against the database (an unknown manager) come back together.
        Assert.Equal(["line 3, type", "line 4, country", "line 5, name", "line 6, external_id", "line 7, manager_email"],
                     problem.Errors!.Keys.Order());
        Assert.Equal(before, await Counts(app));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var manager = await app.Seed.PartnerManager();
        var p = Prefix();
        string[] rows =
        [
            $"{p}-1,Acme,reseller,europe,DE,Retail,https://acme.example,active,2026-01-15,{manager.Email}",
            $"{p}-2,Globex,referral,northamerica,US,,,prospect,,",
            $"{p}-3,\"Initech, Inc.\",msp,asiapacific,JP,,,onboarding,2025-12-01,",
        ];

        var first = await (await admin.PostCsv("/api/v1/partners/import", File(rows))).Read<PartnerImportResult>();
        var audited = (await Counts(app)).Audit;
        var second = await (await admin.PostCsv("/api/v1/partners/import", File(rows))).Read<PartnerImportResult>();

        Assert.Equal(new PartnerImportResult(3, 0, 0), first);
        Assert.Equal(new PartnerImportResult(0, 0, 3), second);
        Assert.Equal(audited, (await Counts(app)).Audit);
        await using var db = app.Db();
        var acme = await db.Partners.SingleAsync(x => x.ExternalId == $"{p}-1");
        Assert.Equal(("Acme", PartnerType.Reseller, "DE", PartnerStatus.Active, new DateOnly(2026, 1, 15), manager.Id),
                     (acme.Name, acme.Type, acme.Country, acme.Status, acme.JoinedOn, acme.ManagerId));
        Assert.Equal("Initech, Inc.", (await db.Partners.SingleAsync(x => x.ExternalId == $"{p}-3")).Name);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Changing_one_row_updates_only_that_partner(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var p = Prefix();
        string[] rows = [$"{p}-1,Acme,reseller,europe,DE,,,,,", $"{p}-2,Globex,referral,europe,FR,,,,,"];
        await (await admin.PostCsv("/api/v1/partners/import", File(rows))).ShouldBe(HttpStatusCode.OK);
        await using var db = app.Db();
        var globexBefore = await db.Partners.AsNoTracking().SingleAsync(x => x.ExternalId == $"{p}-2");

        var result = await (await admin.PostCsv("/api/v1/partners/import", File(rows[0], $"{p}-2,Globex Europe,referral,europe,FR,,,,,")))
            .Read<PartnerImportResult>();

        Assert.Equal(new PartnerImportResult(0, 1, 1), result);
        var globex = await db.Partners.AsNoTracking().SingleAsync(x => x.ExternalId == $"{p}-2");
        Assert.Equal("Globex Europe", globex.Name);
        Assert.NotEqual(globexBefore.Revision, globex.Revision);
        var audit = await db.AuditEntries.Where(e => e.EntityId == globex.Id.ToString()).CountAsync();
        Assert.Equal(2, audit); // imported, then updated
    }

    [Fact]
    public async Task Only_program_admins_import()
    {
        var app = await apps.On(Database.Sqlite);
        var manager = await app.ClientFor(await app.Seed.PartnerManager());
        var before = await Counts(app);

        await (await manager.PostCsv("/api/v1/partners/import", File($"{Prefix()}-1,Acme,reseller,europe,DE,,,,,"))).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Equal(before, await Counts(app));
    }
}
