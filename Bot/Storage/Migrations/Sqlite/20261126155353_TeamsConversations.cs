using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TeamsConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "teams_conversations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ConversationType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    TeamName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    UserAadObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RemovedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_conversations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_teams_conversations_ConversationId",
                table: "teams_conversations",
                column: "ConversationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_teams_conversations_UserAadObjectId",
                table: "teams_conversations",
                column: "UserAadObjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "teams_conversations");
        }
    }
}
