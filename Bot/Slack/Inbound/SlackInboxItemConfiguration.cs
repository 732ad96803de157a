using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>The <c>slack_inbox</c> table.</summary>
public sealed class SlackInboxItemConfiguration : IEntityTypeConfiguration<SlackInboxItem>
{
    public void Configure(EntityTypeBuilder<SlackInboxItem> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("slack_inbox");
        builder.HasKey(i => i.Id);

        // Both are nullable: several NULLs never collide on SQLite or PostgreSQL.
        builder.HasIndex(i => i.DedupKey).IsUnique();
        builder.HasIndex(i => i.Signature).IsUnique();
        builder.HasIndex(i => new { i.State, i.Id });
        builder.HasIndex(i => i.ReceivedAt);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Type).HasMaxLength(64);
        builder.Property(i => i.DedupKey).HasMaxLength(192);
        builder.Property(i => i.Signature).HasMaxLength(80);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.LastError).HasMaxLength(1024);
    }
}
