using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CmBot.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MentionDeduplication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CanonicalUrl",
                table: "mentions",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DuplicateCount",
                table: "mentions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "DuplicateOfId",
                table: "mentions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Fingerprint",
                table: "mentions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "WordCount",
                table: "mentions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_mentions_CanonicalUrl",
                table: "mentions",
                column: "CanonicalUrl");

            migrationBuilder.CreateIndex(
                name: "IX_mentions_PublishedAt",
                table: "mentions",
                column: "PublishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_mentions_CanonicalUrl",
                table: "mentions");

            migrationBuilder.DropIndex(
                name: "IX_mentions_PublishedAt",
                table: "mentions");

            migrationBuilder.DropColumn(
                name: "CanonicalUrl",
                table: "mentions");

            migrationBuilder.DropColumn(
                name: "DuplicateCount",
                table: "mentions");

            migrationBuilder.DropColumn(
                name: "DuplicateOfId",
                table: "mentions");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "mentions");

            migrationBuilder.DropColumn(
                name: "WordCount",
                table: "mentions");
        }
    }
}
