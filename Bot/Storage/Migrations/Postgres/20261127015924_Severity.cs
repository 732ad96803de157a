using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Severity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spike_baselines");
        }
    }
}
