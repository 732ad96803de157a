using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Teams.Storage;

/// <summary>
/// A conversation the bot is installed in (team channel, group chat or 1:1): what a proactive post needs. Stored
/// when the bot is added, retired when it is removed, its service URL refreshed by every activity.
/// </summary>
public sealed class TeamsConversation
{
    public long Id { get; set; }

    /// <summary>The conversation id without a thread suffix (19:...@thread.tacv2, a:..., 19:...@unq.gbl.spaces).</summary>
    public required string ConversationId { get; set; }

    /// <summary>The Bot Connector endpoint for this conversation's region; it may change, the latest wins.</summary>
    public required string ServiceUrl { get; set; }

    /// <summary>channel, groupChat or personal.</summary>
    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }
    public string? TeamId { get; set; }
    public string? TeamName { get; set; }
    public string? ChannelId { get; set; }

    /// <summary>The bot's own id in this conversation (28:{app id}).</summary>
    public string? BotId { get; set; }

    /// <summary>1:1 conversations: the Entra object id of the person on the other side.</summary>
    public string? UserAadObjectId { get; set; }

    /// <summary>False once the bot was removed: nothing is posted there any more.</summary>
    public bool Active { get; set; }

    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>The <c>teams_conversations</c> table; picked up by the context's assembly scan.</summary>
public sealed class TeamsConversationConfiguration : IEntityTypeConfiguration<TeamsConversation>
{
    public void Configure(EntityTypeBuilder<TeamsConversation> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("teams_conversations");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.ConversationId).IsUnique();
        builder.HasIndex(c => c.UserAadObjectId);
        builder.Property(c => c.ConversationId).HasMaxLength(256);
        builder.Property(c => c.ServiceUrl).HasMaxLength(512);
        builder.Property(c => c.ConversationType).HasMaxLength(32);
        builder.Property(c => c.TenantId).HasMaxLength(64);
        builder.Property(c => c.TeamId).HasMaxLength(256);
        builder.Property(c => c.TeamName).HasMaxLength(256);
        builder.Property(c => c.ChannelId).HasMaxLength(256);
        builder.Property(c => c.BotId).HasMaxLength(128);
        builder.Property(c => c.UserAadObjectId).HasMaxLength(64);
    }
}
