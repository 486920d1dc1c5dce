using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Postgres
{
    /// <summary>The database itself refuses to change or remove audit entries, whatever the application does.</summary>
    public partial class AuditIsAppendOnly : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION accrue_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP;
                END;
                $$;
                """);
            // TRUNCATE bypasses row triggers, so it gets a statement trigger of its own.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION accrue_refuse_change();
                CREATE TRIGGER "AuditEntries_no_truncate" BEFORE TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION accrue_refuse_change();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "AuditEntries_no_truncate" ON "AuditEntries";
                DROP TRIGGER "AuditEntries_append_only" ON "AuditEntries";
                DROP FUNCTION accrue_refuse_change();
                """);
        }
    }
}
