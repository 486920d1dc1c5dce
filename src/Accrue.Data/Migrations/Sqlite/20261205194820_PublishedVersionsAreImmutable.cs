using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Sqlite
{
    /// <summary>The database itself refuses to change or remove a published program version; drafts stay editable.</summary>
    public partial class PublishedVersionsAreImmutable : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "ProgramVersions_published_no_update" BEFORE UPDATE ON "ProgramVersions"
                WHEN OLD."Status" = 'Published'
                BEGIN SELECT RAISE(ABORT, 'published program versions are immutable: UPDATE refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ProgramVersions_published_no_delete" BEFORE DELETE ON "ProgramVersions"
                WHEN OLD."Status" = 'Published'
                BEGIN SELECT RAISE(ABORT, 'published program versions are immutable: DELETE refused'); END;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "ProgramVersions_published_no_update";""");
            migrationBuilder.Sql("""DROP TRIGGER "ProgramVersions_published_no_delete";""");
        }
    }
}
