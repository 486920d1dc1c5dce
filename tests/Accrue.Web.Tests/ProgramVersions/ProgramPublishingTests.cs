using System.Net;
using Accrue.Data;
using Accrue.Engine.Program;
using Accrue.Web.Features.Program;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.ProgramVersions;

/// <summary>Versions of the program: a draft is edited and checked, published with notice, and never changes after.</summary>
public sealed class ProgramPublishingTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory, SqliteData, PostgresData]
    public async Task A_broken_file_is_refused_with_its_line_and_field_and_saves_nothing(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var file = ProgramFile.Write(Seed.ThreeTiers()).Replace("won_revenue", "won_revenu");
        var before = await Versions(app);

        var problem = await (await admin.PutJson("/api/v1/program/draft", new DraftRequest(file, null, null))).Problem(HttpStatusCode.BadRequest);

        // Both Silver and Gold name the metric, each on its own line.
        foreach (var field in new[] { "tiers[1].criteria[0].metric", "tiers[2].criteria[0].metric" })
            Assert.Matches(@"^line \d+: .*won_revenu.*did you mean 'won_revenue'", Assert.Single(problem.Errors![field]));
        Assert.Equal(before, await Versions(app));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_published_version_never_changes_edits_go_to_a_new_draft(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var published = await app.Seed.PublishedProgram(Seed.ThreeTiers(), Today.AddYears(-1));

        var draft = await (await admin.PostAsync("/api/v1/program/draft", null)).Read<VersionDetail>();
        Assert.True(draft.Version.Number > published.Number);
        await (await admin.PutJson("/api/v1/program/draft", new DraftRequest(ProgramFile.Write(Seed.ThreeTiers() with { Name = "Renamed" }), null, draft.Revision)))
            .ShouldBe(HttpStatusCode.OK);
        // A save based on a stale revision is refused rather than overwriting someone's edit.
        await (await admin.PutJson("/api/v1/program/draft", new DraftRequest(ProgramFile.Write(Seed.ThreeTiers()), null, draft.Revision)))
            .ShouldBe(HttpStatusCode.Conflict);

        var unchanged = await (await admin.GetAsync($"/api/v1/program/versions/{published.Number}")).Read<VersionDetail>();
        Assert.Equal(published.Document, unchanged.Document);
        Assert.Equal("Test program", unchanged.Definition!.Name);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_database_refuses_to_change_or_remove_a_published_version_and_lets_a_draft_go(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var published = await app.Seed.PublishedProgram(Seed.ThreeTiers(), Today.AddYears(-1));
        await (await admin.PostAsync("/api/v1/program/draft", null)).ShouldBe(HttpStatusCode.OK);

        await using var db = app.Db();
        foreach (var sql in new[]
                 {
                     $"""UPDATE "ProgramVersions" SET "Summary" = 'changed' WHERE "Number" = {published.Number}""",
                     $"""DELETE FROM "ProgramVersions" WHERE "Number" = {published.Number}""",
                 })
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("published program versions are immutable", refused.Message);
        }
        // The draft is still the application's to edit and to discard.
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("""UPDATE "ProgramVersions" SET "Summary" = 'a draft note' WHERE "Status" = 'Draft'"""));
        await (await admin.DeleteAsync("/api/v1/program/draft")).ShouldBe(HttpStatusCode.NoContent);
        Assert.False(await db.ProgramVersions.AnyAsync(v => v.Status == Data.Program.ProgramVersionStatus.Draft));
        Assert.Equal(published.Document, (await db.ProgramVersions.AsNoTracking().SingleAsync(v => v.Number == published.Number)).Document);
    }

    static async Task<int> Versions(AccrueApp app)
    {
        await using var db = app.Db();
        return await db.ProgramVersions.CountAsync();
    }
}
