using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Sqlite
{
    /// <summary>
    /// Every insert and update of a deal stamps it with the next number of a counter. SQLite writes one transaction at a
    /// time, so stamps grow in commit order and what changed since a look is what has a higher stamp. <c>ScreeningIndex</c>
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_Deals_ChangeStamp",
                table: "Deals",
                column: "ChangeStamp");

            // The update trigger's WHEN leaves out the triggers' own updates, which change the stamp.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Deals_change_stamp_insert" AFTER INSERT ON "Deals"
                BEGIN UPDATE "Deals" SET "ChangeStamp" = (SELECT MAX("ChangeStamp") FROM "Deals") + 1 WHERE "Id" = NEW."Id"; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Deals_change_stamp_update" AFTER UPDATE ON "Deals" WHEN NEW."ChangeStamp" = OLD."ChangeStamp"
                BEGIN UPDATE "Deals" SET "ChangeStamp" = (SELECT MAX("ChangeStamp") FROM "Deals") + 1 WHERE "Id" = NEW."Id"; END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Deals_change_stamp_insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "Deals_change_stamp_update";""");

            migrationBuilder.DropIndex(
                name: "IX_Deals_ChangeStamp",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "ChangeStamp",
                table: "Deals");
        }
    }
}
