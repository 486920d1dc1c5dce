using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Postgres
{
    /// <summary>The database itself refuses to change or remove a published program version; drafts stay editable.</summary>
    public partial class PublishedVersionsAreImmutable : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION accrue_refuse_published_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."Status" = 'Published' THEN
                        RAISE EXCEPTION 'published program versions are immutable: % refused', TG_OP;
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END;
                $$;
                """);
            // TRUNCATE bypasses row triggers, and would take published versions with the drafts: refused outright.
            migrationBuilder.Sql("""
                CREATE TRIGGER "ProgramVersions_published_immutable" BEFORE UPDATE OR DELETE ON "ProgramVersions"
                FOR EACH ROW EXECUTE FUNCTION accrue_refuse_published_change();
                CREATE TRIGGER "ProgramVersions_no_truncate" BEFORE TRUNCATE ON "ProgramVersions"
                FOR EACH STATEMENT EXECUTE FUNCTION accrue_refuse_change();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "ProgramVersions_no_truncate" ON "ProgramVersions";
                DROP TRIGGER "ProgramVersions_published_immutable" ON "ProgramVersions";
                DROP FUNCTION accrue_refuse_published_change();
                """);
        }
    }
}
