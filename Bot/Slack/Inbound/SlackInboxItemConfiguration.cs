using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>The <c>slack_inbox</c> table.</summary>
public sealed class SlackInboxItemConfiguration : IEntityTypeConfiguration<SlackInboxItem>
{
    /// <summary>The rows a processor still has to act on or is acting on (same text on SQLite and PostgreSQL).</summary>
    public const string OpenFilter = "\"State\" IN ('Pending', 'Processing')";

    public void Configure(EntityTypeBuilder<SlackInboxItem> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("slack_inbox");
        builder.HasKey(i => i.Id);

        // Both are nullable: several NULLs never collide on SQLite or PostgreSQL.
        builder.HasIndex(i => i.DedupKey).IsUnique();
        builder.HasIndex(i => i.Signature).IsUnique();

        // Only open rows are indexed for the processor: most deliveries are stored already done (ignored), and every
        // index a row touches is one more page written per commit. The trim walks the primary key instead of a
        // ReceivedAt index for the same reason (ids grow with arrival time).
        builder.HasIndex(i => i.Id, "IX_slack_inbox_open").HasFilter(OpenFilter);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Type).HasMaxLength(64);
        builder.Property(i => i.DedupKey).HasMaxLength(192);
        builder.Property(i => i.Signature).HasMaxLength(80);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.LastError).HasMaxLength(1024);
    }
}
