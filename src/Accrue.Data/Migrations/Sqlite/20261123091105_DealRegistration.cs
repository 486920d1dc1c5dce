using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accrue.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DealRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Deals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerNameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerNameBlock = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CustomerDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    CustomerCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    ProductLines = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EstimatedAmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ExpectedCloseOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Involvement = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProtectedFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProtectedUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExtensionRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExtensionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ActualAmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LostReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NeedsReview = table.Column<bool>(type: "INTEGER", nullable: false),
                    SpotAudit = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deals_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseBody = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PipelineOpportunities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerNameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerNameBlock = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CustomerDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineOpportunities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DealConflicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DealId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RivalDealId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VendorOpportunityId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Similarity = table.Column<double>(type: "REAL", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RivalPartnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RivalCustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RivalCustomerDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    RivalProductLines = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RivalRegisteredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RivalStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RivalProtectedUntil = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DealConflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DealConflicts_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DealSignals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DealId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DealSignals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DealSignals_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InfluenceEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DealId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Who = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LoggedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LoggedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfluenceEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfluenceEvidence_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DealConflicts_DealId",
                table: "DealConflicts",
                column: "DealId");

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

            migrationBuilder.CreateIndex(
                name: "IX_Deals_ExternalId",
                table: "Deals",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deals_PartnerId_RegisteredAt",
                table: "Deals",
                columns: new[] { "PartnerId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_Status_RegisteredAt",
                table: "Deals",
                columns: new[] { "Status", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DealSignals_DealId",
                table: "DealSignals",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_CreatedAt",
                table: "IdempotencyRecords",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_Scope_Key",
                table: "IdempotencyRecords",
                columns: new[] { "Scope", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InfluenceEvidence_DealId",
                table: "InfluenceEvidence",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_PipelineOpportunities_CustomerDomain",
                table: "PipelineOpportunities",
                column: "CustomerDomain");

            migrationBuilder.CreateIndex(
                name: "IX_PipelineOpportunities_CustomerNameBlock",
                table: "PipelineOpportunities",
                column: "CustomerNameBlock");

            migrationBuilder.CreateIndex(
                name: "IX_PipelineOpportunities_ExternalId",
                table: "PipelineOpportunities",
                column: "ExternalId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DealConflicts");

            migrationBuilder.DropTable(
                name: "DealSignals");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "InfluenceEvidence");

            migrationBuilder.DropTable(
                name: "PipelineOpportunities");

            migrationBuilder.DropTable(
                name: "Deals");
        }
    }
}
