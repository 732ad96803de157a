using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Sqlite
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spike_baselines");
        }
    }
}
