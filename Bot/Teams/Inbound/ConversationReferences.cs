using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Activities;
using CmBot.Bot.Teams.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>
/// Keeps the <see cref="TeamsConversation"/> rows: stored when the bot is added to a team, chat or 1:1, retired
/// when it is removed, and the service URL kept current (Microsoft may move a conversation to another region).
/// </summary>
public sealed partial class ConversationReferences(CmBotDbContext db, WriteGate gate, TimeProvider time, ILogger<ConversationReferences> logger)
{
    private DbSet<TeamsConversation> Conversations => db.Set<TeamsConversation>();

    public Task<TeamsConversation?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.ConversationId == ActivityJson.BaseConversationId(conversationId), cancellationToken);

    /// <summary>The bot was added: store (or reactivate) the conversation reference.</summary>
    public async Task InstalledAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = ActivityJson.BaseConversationId(activity.Conversation!.Id!);
        var now = time.GetUtcNow();
        using (await gate.EnterAsync(cancellationToken))
        {
            var row = await Conversations.FirstOrDefaultAsync(c => c.ConversationId == id, cancellationToken);
            if (row is null)
            {
                row = new TeamsConversation { ConversationId = id, ServiceUrl = activity.ServiceUrl!, InstalledAt = now };
                Conversations.Add(row);
            }

            var personal = activity.Conversation.ConversationType == "personal";
            row.ServiceUrl = activity.ServiceUrl!;
            row.ConversationType = activity.Conversation.ConversationType;
            row.TenantId = activity.Conversation.TenantId ?? activity.ChannelData?.Tenant?.Id;
            row.TeamId = activity.ChannelData?.Team?.Id ?? row.TeamId;
            row.TeamName = activity.ChannelData?.Team?.Name ?? row.TeamName;
            row.ChannelId = activity.ChannelData?.Channel?.Id ?? (activity.Conversation.ConversationType == "channel" ? id : row.ChannelId);
            row.BotId = activity.Recipient?.Id;
            row.UserAadObjectId = personal ? activity.From?.AadObjectId ?? row.UserAadObjectId : null;
            row.Active = true;
            row.RemovedAt = null;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        LogInstalled(id, activity.Conversation.ConversationType, activity.ChannelData?.Team?.Id);
    }

    /// <summary>The bot was removed: keep the row for the record, but never post there again.</summary>
    public async Task RemovedAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = ActivityJson.BaseConversationId(activity.Conversation!.Id!);
        var team = activity.ChannelData?.Team?.Id;
        var now = time.GetUtcNow();
        using (await gate.EnterAsync(cancellationToken))
        {
            // Removed from a team: every channel of that team is gone, not only the one the event names.
            await Conversations.Where(c => c.ConversationId == id || (team != null && c.TeamId == team))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Active, false).SetProperty(c => c.RemovedAt, now).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        }

        LogRemoved(id);
    }

    /// <summary>Any activity: a known conversation takes the activity's service URL when it changed.</summary>
    public async Task TouchAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Conversation?.Id is not { } conversation || activity.ServiceUrl is not { } serviceUrl)
        {
            return;
        }

        var id = ActivityJson.BaseConversationId(conversation);
        var now = time.GetUtcNow();
        var stale = await Conversations.AsNoTracking().AnyAsync(c => c.ConversationId == id && c.ServiceUrl != serviceUrl, cancellationToken);
        if (!stale)
        {
            return;
        }

        using (await gate.EnterAsync(cancellationToken))
        {
            await Conversations.Where(c => c.ConversationId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ServiceUrl, serviceUrl).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: bot installed in conversation {ConversationId} ({ConversationType}, team {TeamId})")]
    private partial void LogInstalled(string conversationId, string? conversationType, string? teamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: bot removed from conversation {ConversationId}")]
    private partial void LogRemoved(string conversationId);
}
