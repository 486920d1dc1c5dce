using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Accrue.Web.Tests.Hosting;

/// <summary>Both providers migrate an empty database to the current model, and the app runs on it (reliability T15).</summary>
public sealed class MigrationTests
{
    [Theory, SqliteData, PostgresData]
    public async Task An_empty_database_migrates_to_the_current_model_and_the_app_starts_on_it(Database database)
    {
        // The app migrates its fresh, empty database as it starts, as it does in production.
        await using var app = await AccrueApp.StartAsync(database);
        await using var db = app.Db();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // A model change without its migration (on either provider) shows up here.
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add a migration for this provider.");
        await (await app.Anonymous().GetAsync("/health")).ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Each_provider_runs_only_its_own_migrations(Database database)
    {
        await using var app = await AccrueApp.StartAsync(database);
        await using var db = app.Db();
        var expected = database == Database.Postgres ? ".Migrations.Postgres." : ".Migrations.Sqlite.";

        var assembly = db.GetService<IMigrationsAssembly>();

        Assert.All(assembly.Migrations.Values, type => Assert.Contains(expected, type.FullName));
    }
}
