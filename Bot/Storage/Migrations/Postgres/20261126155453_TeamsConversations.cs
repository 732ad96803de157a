using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConversationId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ServiceUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ConversationType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TeamId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    TeamName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ChannelId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    BotId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    UserAadObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    InstalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
