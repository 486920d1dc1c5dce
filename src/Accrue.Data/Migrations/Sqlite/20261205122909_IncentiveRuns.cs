using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncentiveRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PaidOn",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReversedOn",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalculationRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProgramVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    PartnersTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnersDone = table.Column<int>(type: "INTEGER", nullable: false),
                    LineCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnersPaid = table.Column<int>(type: "INTEGER", nullable: false),
                    CashTotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    FundTotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CashBudgetCutMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    EngineMilliseconds = table.Column<int>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalculationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTargets",
                columns: table => new
                {
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTargets", x => new { x.PartnerId, x.Period });
                    table.ForeignKey(
                        name: "FK_PartnerTargets_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncentiveLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProgramVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TierId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    UncappedMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CapApplied = table.Column<bool>(type: "INTEGER", nullable: false),
                    BudgetScaledFromMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Basis = table.Column<string>(type: "TEXT", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncentiveLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncentiveLines_CalculationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CalculationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IncentiveLines_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalculationRuns_Period_StartedAt",
                table: "CalculationRuns",
                columns: new[] { "Period", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveLines_PartnerId",
                table: "IncentiveLines",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveLines_RunId_PartnerId",
                table: "IncentiveLines",
                columns: new[] { "RunId", "PartnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveLines_RunId_RuleId",
                table: "IncentiveLines",
                columns: new[] { "RunId", "RuleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncentiveLines");

            migrationBuilder.DropTable(
                name: "PartnerTargets");

            migrationBuilder.DropTable(
                name: "CalculationRuns");

            migrationBuilder.DropColumn(
                name: "PaidOn",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "ReversedOn",
                table: "Deals");
        }
    }
}
