using System.Net;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Deals;

/// <summary>Deals from the CRM as CSV: every row or none, errors by line and column, idempotent by external id, and export reads back unchanged.</summary>
public sealed class DealImportTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    const string Header = "external_id,partner_external_id,customer_name,customer_domain,customer_country,contact_name,contact_email,product_lines," +
                          "estimated_amount,currency,expected_close_on,involvement,status,registered_on,protected_until,actual_amount,closed_on,lost_reason";

    static string File(params string[] rows) => string.Join("\n", [Header, .. rows]) + "\n";

    /// <summary>External ids unique to one test, since tests of a class share a database.</summary>
    static string Prefix() => $"T{Guid.NewGuid().ToString("N")[..6]}";

    static string Won(string id, string partner) =>
        $"{id},{partner},Acme Corp,acme.com,US,Jane Roe,jane@acme.com,Analytics;Security,125000.00,USD,2026-06-30,partnersourced,won,2026-03-02,2026-05-31,118500.00,2026-05-20,";

    static string Lost(string id, string partner) =>
        $"{id},{partner},\"Globex, Inc\",globex.com,DE,,,Analytics,40000,EUR,2026-09-30,coselling,lost,2026-04-11,2026-07-10,,2026-06-15,Chose a competitor";

    static async Task<(int Deals, int Audit)> Counts(AccrueApp app)
    {
        await using var db = app.Db();
        return (await db.Deals.CountAsync(), await db.AuditEntries.CountAsync());
    }

    /// <summary>Rows with {P} for a known partner's external id and {X} for this test's prefix.</summary>
    public static TheoryData<string, string> BadRows() => new()
    {
        { "{X}-2,NOBODY-{X},Globex,globex.com,DE,,,Analytics,40000,EUR,2026-09-30,,submitted,2026-04-11,,,,", "line 3, partner_external_id" },
        { "{X}-2,{P},Globex,globex.com,DE,,,Analytics,40000,XYZ,2026-09-30,,submitted,2026-04-11,,,,", "line 3, currency" },
        { "{X}-2,{P},Globex,globex.com,DE,,,Analytics,40000,EUR,2026-09-30,,won,2026-04-11,2026-07-10,,2026-06-15,", "line 3, actual_amount" },
        { "{X}-2,{P},\"Globex,globex.com,DE,,,Analytics,40000,EUR,2026-09-30,,submitted,2026-04-11,,,,", "line 3" },
        { "{X}-2,{P},Glo\"bex,globex.com,DE,,,Analytics,40000,EUR,2026-09-30,,submitted,2026-04-11,,,,", "line 3" },
        { "{X}-1,{P},Globex,globex.com,DE,,,Analytics,40000,EUR,2026-09-30,,submitted,2026-04-11,,,,", "line 3, external_id" },
    };

    [Theory, MemberData(nameof(BadRows))]
    public async Task A_bad_row_answers_400_naming_its_line_and_column_and_nothing_is_imported(string badRow, string key)
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner();
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var p = Prefix();
        var before = await Counts(app);

        var problem = await (await admin.PostCsv("/api/v1/deals/import",
                                                 File(Won($"{p}-1", partner.ExternalId!), badRow.Replace("{P}", partner.ExternalId).Replace("{X}", p))))
            .Problem(HttpStatusCode.BadRequest);

        Assert.Equal([key], problem.Errors!.Keys);
        Assert.Equal(before, await Counts(app));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_file_with_several_bad_rows_names_every_one_and_imports_none(Database database)
    {
        var app = await apps.On(database);
        var partner = (await app.Seed.Partner()).ExternalId!;
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var p = Prefix();
        var before = await Counts(app);
        var csv = File(
            Won($"{p}-1", partner),
            $"{p}-2,NOBODY-{p},Globex,globex.com,DE,,,Analytics,40000,EUR,2026-09-30,,submitted,2026-04-11,,,,",
            $"{p}-3,{partner},Initech,,DE,,,Analytics,40000,EURO,2026-09-30,,submitted,2026-04-11,,,,",
            $"{p}-4,{partner},Hooli,,US,,,Analytics,40000,USD,2026-09-30,,won,2026-04-11,,,2026-06-15,",
            $"{p}-5,{partner},Umbrella,,US,,,Analytics,12.5.0,USD,2026-09-30,,submitted,2026-04-11,,,,",
            Lost($"{p}-1", partner));

        var problem = await (await admin.PostCsv("/api/v1/deals/import", csv)).Problem(HttpStatusCode.BadRequest);

        Assert.Equal(["line 3, partner_external_id", "line 4, currency", "line 5, actual_amount", "line 6, estimated_amount", "line 7, external_id"],
                     problem.Errors!.Keys.Order());
        Assert.Equal(before, await Counts(app));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_good_file_imports_and_importing_it_again_changes_nothing(Database database)
    {
        var app = await apps.On(database);
        var acmePartner = await app.Seed.Partner();
        var globexPartner = await app.Seed.Partner();
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var p = Prefix();
        var csv = File(Won($"{p}-1", acmePartner.ExternalId!), Lost($"{p}-2", globexPartner.ExternalId!));

        var first = await (await admin.PostCsv("/api/v1/deals/import", csv)).Read<DealImportResult>();
        var counts = await Counts(app);
        var second = await (await admin.PostCsv("/api/v1/deals/import", csv)).Read<DealImportResult>();

        Assert.Equal(new DealImportResult(2, 0, 0), first);
        Assert.Equal(new DealImportResult(0, 0, 2), second);
        Assert.Equal(counts, await Counts(app));
        await using var db = app.Db();
        var won = await db.Deals.SingleAsync(d => d.ExternalId == $"{p}-1");
        Assert.Equal((acmePartner.Id, DealStatus.Won, 12_500_000L, 11_850_000L, new DateOnly(2026, 5, 31), "acme.com"),
                     (won.PartnerId, won.Status, won.EstimatedAmountMinor, won.ActualAmountMinor, won.ProtectedUntil, won.CustomerDomain));
        var lost = await db.Deals.SingleAsync(d => d.ExternalId == $"{p}-2");
        Assert.Equal(("Globex, Inc", DealStatus.Lost, "Chose a competitor", Involvement.CoSelling, "EUR"),
                     (lost.CustomerName, lost.Status, lost.LostReason, lost.Involvement, lost.Currency));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Exporting_and_importing_again_changes_nothing_including_deals_registered_in_accrue(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var partnerUser = await app.ClientFor(await app.Seed.PartnerUserOf(partner));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var registered = await partnerUser.Register(DealCalls.Registration(DealCalls.Customer(), contactEmail: "Jane.Roe@Example.com"));
        var approved = await partnerUser.Register(DealCalls.Registration(DealCalls.Customer(), productLines: ["Analytics", "Security"]));
        await (await admin.PostJson($"/api/v1/deals/{approved.DealId}/approval", new DecisionRequest())).ShouldBe(HttpStatusCode.OK);
        var draft = await partnerUser.Register(DealCalls.Registration(DealCalls.Customer(), submit: false));
        // Registered ten days ago and approved three days later: the file has neither the time of day nor the day protection began.
        var older = await app.Seed.Deal(partner, DealCalls.Customer(), status: DealStatus.Qualified, registeredAt: DateTimeOffset.UtcNow.AddDays(-10),
                                        protectedFrom: DealCalls.Today.AddDays(-7), protectedUntil: DealCalls.Today.AddDays(83));
        await (await admin.PostCsv("/api/v1/deals/import", File(Won($"{Prefix()}-1", partner.ExternalId!)))).ShouldBe(HttpStatusCode.OK);
        Guid[] ours = [registered.DealId, approved.DealId, draft.DealId, older.Id];
        await using var db = app.Db();
        var before = await db.Deals.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        var audited = (await Counts(app)).Audit;

        var export = await admin.GetAsync("/api/v1/deals/export");
        await export.ShouldBe(HttpStatusCode.OK);
        var csv = await export.Content.ReadAsStringAsync();
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        var result = await (await admin.PostCsv("/api/v1/deals/import", csv)).Read<DealImportResult>();

        Assert.Equal(before.Count, rows.Count);
        Assert.All(ours, id => Assert.Contains(rows, row => row.StartsWith($"{id},{partner.ExternalId},")));
        Assert.Equal(new DealImportResult(0, 0, rows.Count), result);
        Assert.Equal(audited, (await Counts(app)).Audit);
        var after = await db.Deals.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(before.Select(Fields), after.Select(Fields));
        Assert.All(ours, id => Assert.Null(after.Single(d => d.Id == id).ExternalId));
    }

    static object Fields(Accrue.Data.Deals.Deal d) =>
        (d.Id, d.ExternalId, d.Status, d.CustomerName, d.CustomerDomain, d.ContactEmail, d.ProductLines, d.EstimatedAmountMinor,
         (d.RegisteredAt, d.ProtectedFrom, d.ProtectedUntil, d.ActualAmountMinor, d.ClosedOn, d.LostReason, d.Revision));

    [Theory, SqliteData, PostgresData]
    public async Task Payment_and_reversal_dates_of_won_deals_import_and_on_other_deals_are_refused_by_line_and_column(Database database)
    {
        var app = await apps.On(database);
        var partner = (await app.Seed.Partner()).ExternalId!;
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var p = Prefix();
        string WithPayment(string row, string paid, string reversed) => $"{row},{paid},{reversed}";
        var header = Header + ",paid_on,reversed_on";

        var refused = await (await admin.PostCsv("/api/v1/deals/import", string.Join("\n",
                header, WithPayment(Won($"{p}-1", partner), "2026-06-01", "2026-05-19"), WithPayment(Lost($"{p}-2", partner), "2026-06-20", "")) + "\n"))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["line 2, reversed_on", "line 3, paid_on"], refused.Errors!.Keys.Order());

        await (await admin.PostCsv("/api/v1/deals/import", string.Join("\n",
                header, WithPayment(Won($"{p}-1", partner), "2026-06-01", "2026-07-02"), WithPayment(Lost($"{p}-2", partner), "", "")) + "\n"))
            .ShouldBe(HttpStatusCode.OK);
        await using var db = app.Db();
        var won = await db.Deals.SingleAsync(d => d.ExternalId == $"{p}-1");
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 2)), (won.PaidOn, won.ReversedOn));
    }

    [Fact]
    public async Task Only_program_admins_import_deals()
    {
        var app = await apps.On(Database.Sqlite);
        var partner = await app.Seed.Partner(manager: await app.Seed.PartnerManager());
        var before = await Counts(app);

        foreach (var user in new[] { await app.Seed.PartnerManager(), await app.Seed.Finance(), await app.Seed.PartnerAdminOf(partner) })
        {
            var client = await app.ClientFor(user);
            await (await client.PostCsv("/api/v1/deals/import", File(Won($"{Prefix()}-1", partner.ExternalId!)))).ShouldBe(HttpStatusCode.Forbidden);
        }
        Assert.Equal(before, await Counts(app));
    }
}
