using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Postgres
{
    /// <summary>Screening reads rivals, shared contacts and histories from memory now (ScreeningIndex): their indexes only cost inserts.</summary>
    public partial class ScreeningIndexesDropped : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deals_ContactEmail",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_Deals_CustomerDomain_Status",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_Deals_CustomerNameBlock_Status",
                table: "Deals");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Deals_ContactEmail",
                table: "Deals",
                column: "ContactEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_CustomerDomain_Status",
                table: "Deals",
                columns: new[] { "CustomerDomain", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_CustomerNameBlock_Status",
                table: "Deals",
                columns: new[] { "CustomerNameBlock", "Status" });
        }
    }
}
