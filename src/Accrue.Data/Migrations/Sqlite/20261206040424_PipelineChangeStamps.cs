using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Sqlite
{
    /// <summary>
    /// The vendor's pipeline is stamped like the deals (see DealChangeStamps), with a counter of its own, so that
    /// <c>ScreeningIndex</c> can keep the pipeline in memory too.
    /// </summary>
    public partial class PipelineChangeStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChangeStamp",
                table: "PipelineOpportunities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_PipelineOpportunities_ChangeStamp",
                table: "PipelineOpportunities",
                column: "ChangeStamp");

            migrationBuilder.Sql("""
                CREATE TRIGGER "PipelineOpportunities_change_stamp_insert" AFTER INSERT ON "PipelineOpportunities"
                BEGIN UPDATE "PipelineOpportunities" SET "ChangeStamp" = (SELECT MAX("ChangeStamp") FROM "PipelineOpportunities") + 1 WHERE "Id" = NEW."Id"; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "PipelineOpportunities_change_stamp_update" AFTER UPDATE ON "PipelineOpportunities" WHEN NEW."ChangeStamp" = OLD."ChangeStamp"
                BEGIN UPDATE "PipelineOpportunities" SET "ChangeStamp" = (SELECT MAX("ChangeStamp") FROM "PipelineOpportunities") + 1 WHERE "Id" = NEW."Id"; END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "PipelineOpportunities_change_stamp_insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "PipelineOpportunities_change_stamp_update";""");

            migrationBuilder.DropIndex(
                name: "IX_PipelineOpportunities_ChangeStamp",
                table: "PipelineOpportunities");

            migrationBuilder.DropColumn(
                name: "ChangeStamp",
                table: "PipelineOpportunities");
        }
    }
}
