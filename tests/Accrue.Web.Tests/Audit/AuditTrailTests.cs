using System.Data.Common;
using System.Net;
using System.Text.Json;
using Accrue.Data.Audit;
using Accrue.Web.Features.Partners;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Audit;

/// <summary>Changes leave one audit entry each, and the database itself keeps the entries as written (reliability T16).</summary>
public sealed class AuditTrailTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static object NewPartner(string name) => new { name, type = "Integrator", region = "Europe", country = "NL" };

    [Theory, SqliteData, PostgresData]
    public async Task Creating_a_partner_writes_one_audit_entry_with_actor_action_and_after(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.Seed.ProgramAdmin();
        var client = await app.ClientFor(admin);

        var created = await (await client.PostJson("/api/v1/partners", NewPartner("Hooli"))).Read<PartnerDetail>(HttpStatusCode.Created);

        await using var db = app.Db();
        var entry = Assert.Single(await db.AuditEntries.Where(e => e.EntityId == created.Id.ToString()).ToListAsync());
        Assert.Equal((admin.Id, admin.Email, "PartnerCreated", "Partner", created.Id),
                     (entry.ActorId, entry.ActorName, entry.Action, entry.EntityType, entry.PartnerId));
        Assert.Null(entry.Before);
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.Equal(("Hooli", "Integrator", "Prospect"),
                     (after.GetProperty("name").GetString(), after.GetProperty("type").GetString(), after.GetProperty("status").GetString()));
    }

    async Task<(AccrueApp App, AuditEntry Entry)> AnEntry(Database database)
    {
        var app = await apps.On(database);
        var client = await app.ClientFor(await app.Seed.ProgramAdmin());
        var created = await (await client.PostJson("/api/v1/partners", NewPartner("Pied Piper"))).Read<PartnerDetail>(HttpStatusCode.Created);
        await using var db = app.Db();
        return (app, await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityId == created.Id.ToString()));
    }

    async Task AssertStillAsWritten(AccrueApp app, AuditEntry entry)
    {
        await using var db = app.Db();
        var stored = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id);
        Assert.Equal((entry.Action, entry.After, entry.ActorName), (stored.Action, stored.After, stored.ActorName));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_database_refuses_to_update_an_audit_entry(Database database)
    {
        var (app, entry) = await AnEntry(database);
        await using var db = app.Db();

        // Every row, so that no parameter format (SQLite keeps Guids as text) can make the statement miss.
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Action" = 'Tampered'"""));

        await AssertStillAsWritten(app, entry);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_database_refuses_to_delete_an_audit_entry(Database database)
    {
        var (app, entry) = await AnEntry(database);
        await using var db = app.Db();

        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" """));

        await AssertStillAsWritten(app, entry);
    }

    [PostgresFact]
    public async Task PostgreSQL_refuses_to_truncate_the_audit_entries()
    {
        var (app, entry) = await AnEntry(Database.Postgres);
        await using var db = app.Db();

        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""TRUNCATE "AuditEntries" """));

        await AssertStillAsWritten(app, entry);
    }
}
