using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Postgres
{
    /// <summary>
    /// The vendor's pipeline is stamped like the deals (see DealChangeStamps): every insert and update gets the id of the
    /// writing transaction, so that <c>ScreeningIndex</c> can keep the pipeline in memory too. The deals' trigger function
    /// stamps any row with a "ChangeStamp"; it is renamed for what it is and serves both tables.
    /// </summary>
    public partial class PipelineChangeStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChangeStamp",
                table: "PipelineOpportunities",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_PipelineOpportunities_ChangeStamp",
                table: "PipelineOpportunities",
                column: "ChangeStamp");

            migrationBuilder.Sql("""
                ALTER FUNCTION accrue_stamp_deal_change() RENAME TO accrue_stamp_change;
                CREATE TRIGGER "PipelineOpportunities_change_stamp" BEFORE INSERT OR UPDATE ON "PipelineOpportunities"
                FOR EACH ROW EXECUTE FUNCTION accrue_stamp_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "PipelineOpportunities_change_stamp" ON "PipelineOpportunities";
                ALTER FUNCTION accrue_stamp_change() RENAME TO accrue_stamp_deal_change;
                """);

            migrationBuilder.DropIndex(
                name: "IX_PipelineOpportunities_ChangeStamp",
                table: "PipelineOpportunities");

            migrationBuilder.DropColumn(
                name: "ChangeStamp",
                table: "PipelineOpportunities");
        }
    }
}
