using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Escalation : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalation_fired");

            migrationBuilder.DropTable(
                name: "incident_escalations");

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
        }
    }
}
