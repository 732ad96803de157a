using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SeverityApprovalDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ApprovalRequestedAt",
                table: "drafts",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "DeputyFor",
                table: "approvals",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_notices_fired",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DraftId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Recipients = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_notices_fired", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "spike_baselines",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Buckets = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    CurrentHour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HourCount = table.Column<int>(type: "integer", nullable: false),
                    LastSpike = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Latest = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
