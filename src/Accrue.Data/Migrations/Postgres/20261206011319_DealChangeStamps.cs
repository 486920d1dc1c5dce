using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Postgres
{
    /// <summary>
    /// Every insert and update of a deal stamps it with the id of the writing transaction, so that what changed since a
    /// snapshot can be read by the stamp: a transaction either had finished by the snapshot (its rows were visible) or was
    /// still running or started later (its id is in the snapshot's list or at or above its xmax). <c>ScreeningIndex</c>
    /// keeps its copy of the registrations up to date this way.
    /// </summary>
    public partial class DealChangeStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChangeStamp",
                table: "Deals",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_Deals_ChangeStamp",
                table: "Deals",
                column: "ChangeStamp");

            migrationBuilder.Sql("""
                CREATE FUNCTION accrue_stamp_deal_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."ChangeStamp" := pg_current_xact_id()::text::bigint;
                    RETURN NEW;
                END;
                $$;
                CREATE TRIGGER "Deals_change_stamp" BEFORE INSERT OR UPDATE ON "Deals"
                FOR EACH ROW EXECUTE FUNCTION accrue_stamp_deal_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Deals_change_stamp" ON "Deals";
                DROP FUNCTION accrue_stamp_deal_change();
                """);

            migrationBuilder.DropIndex(
                name: "IX_Deals_ChangeStamp",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "ChangeStamp",
                table: "Deals");
        }
    }
}
