using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SeverityApprovalDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ApprovalRequestedAt",
                table: "drafts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "DeputyFor",
                table: "approvals",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_notices_fired",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DraftId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_notices_fired", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "spike_baselines",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Buckets = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    CurrentHour = table.Column<long>(type: "INTEGER", nullable: false),
                    HourCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSpike = table.Column<long>(type: "INTEGER", nullable: true),
                    Latest = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spike_baselines", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_approval_notices_fired_DraftId_Revision_Kind",
                table: "approval_notices_fired",
                columns: new[] { "DraftId", "Revision", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_notices_fired");

            migrationBuilder.DropTable(
                name: "spike_baselines");

            migrationBuilder.DropColumn(
                name: "ApprovalRequestedAt",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "DeputyFor",
                table: "approvals");
        }
    }
}
