using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EscalationSilencesSlaDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OutboxKey",
                table: "sandbox_messages",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedTo",
                table: "incidents",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "incidents",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DismissReason",
                table: "incidents",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedUrl",
                table: "drafts",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedVia",
                table: "drafts",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "escalation_fired",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    StepIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_fired", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "incident_escalations",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PolicyJson = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StepShift = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    ReminderShift = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    StepsFired = table.Column<int>(type: "INTEGER", nullable: false),
                    RemindersFired = table.Column<int>(type: "INTEGER", nullable: false),
                    SnoozedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_escalations", x => x.IncidentId);
                });

            migrationBuilder.CreateTable(
                name: "silences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Matchers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiredBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ExpiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_silences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Threshold = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReachedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Announced = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_alerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sandbox_messages_OutboxKey",
                table: "sandbox_messages",
                column: "OutboxKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_escalation_fired_IncidentId_Generation_Kind_Sequence",
                table: "escalation_fired",
                columns: new[] { "IncidentId", "Generation", "Kind", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_silences_EndsAt",
                table: "silences",
                column: "EndsAt");

            migrationBuilder.CreateIndex(
                name: "IX_sla_alerts_IncidentId_Threshold",
                table: "sla_alerts",
                columns: new[] { "IncidentId", "Threshold" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalation_fired");

            migrationBuilder.DropTable(
                name: "incident_escalations");

            migrationBuilder.DropTable(
                name: "silences");

            migrationBuilder.DropTable(
                name: "sla_alerts");

            migrationBuilder.DropIndex(
                name: "IX_sandbox_messages_OutboxKey",
                table: "sandbox_messages");

            migrationBuilder.DropColumn(
                name: "OutboxKey",
                table: "sandbox_messages");

            migrationBuilder.DropColumn(
                name: "AssignedTo",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "DismissReason",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "PublishedUrl",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "PublishedVia",
                table: "drafts");
        }
    }
}
