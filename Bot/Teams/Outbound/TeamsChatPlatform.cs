using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Cards;
using CmBot.Bot.Teams.Inbound;
using CmBot.Core.Chat;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>
/// Teams as a chat platform for the outbox: a card for a team channel starts a new thread there (proactive post),
/// a card with a thread is a reply in it, an edit replaces the activity in place. A channel written
/// <c>person:{id}</c> is a 1:1 chat with that person (created on first use).
/// </summary>
public sealed class TeamsChatPlatform(IServiceScopeFactory scopes, IOptions<TeamsOptions> options) : IChatPlatform
{
    public const string PersonPrefix = "person:";

    public string Name => TeamsOptions.PlatformName;

    /// <summary>A 1:1 chat with the person, created on first use (needs their Teams id in people.yaml).</summary>
    public string? DirectChannelFor(Person person) =>
        person?.TeamsUserId is { Length: > 0 } ? PersonPrefix + person.Id : null;

    public ChatChannels Channels
    {
        get
        {
            var channels = options.Value.Channels;
            var alerts = TeamsOutbox.Lane(channels.Alerts);
            return new ChatChannels(
                alerts,
                channels.Legal is { Length: > 0 } legal ? TeamsOutbox.Lane(legal) : alerts,
                channels.Direction is { Length: > 0 } direction ? TeamsOutbox.Lane(direction) : alerts)
            {
                Others = channels.Extra.ToDictionary(c => c.Key, c => TeamsOutbox.Lane(c.Value), StringComparer.Ordinal),
            };
        }
    }

    public async Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var connector = services.GetRequiredService<TeamsConnectorClient>();
        var target = await services.GetRequiredService<TeamsTargets>().ResolveAsync(ConversationOf(channel), cancellationToken);
        var adaptive = AdaptiveCardRenderer.Render(card);
        if (threadExternalId is not null)
        {
            var thread = target.IsChannel ? $"{target.ConversationId};messageid={threadExternalId}" : target.ConversationId;
            return await connector.ReplyAsync(target.ServiceUrl, thread, threadExternalId, OutboundActivities.CardMessage(adaptive, card.Title, replyToId: threadExternalId), target.Tenant, cancellationToken);
        }

        if (target.IsChannel)
        {
            var created = await connector.CreateConversationAsync(
                target.ServiceUrl,
                OutboundActivities.ChannelThread(target.ConversationId, target.TenantId, OutboundActivities.CardMessage(adaptive, card.Title)),
                target.ConversationId,
                target.Tenant,
                cancellationToken);
            return created.ActivityId ?? throw new ChatDeliveryException("The Bot Connector created the channel thread without an activity id.", permanent: false);
        }

        return await connector.SendAsync(target.ServiceUrl, target.ConversationId, OutboundActivities.CardMessage(adaptive, card.Title), target.Tenant, cancellationToken);
    }

    public async Task UpdateCardAsync(string channel, string externalId, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var target = await services.GetRequiredService<TeamsTargets>().ResolveAsync(ConversationOf(channel), cancellationToken);
        var db = services.GetRequiredService<CmBotDbContext>();
        var thread = await db.ChatMessages.AsNoTracking()
            .Where(m => m.Platform == TeamsOptions.PlatformName && m.Channel == channel && m.ExternalId == externalId)
            .Select(m => m.ThreadExternalId)
            .FirstOrDefaultAsync(cancellationToken);

        // In a channel each thread is its own conversation: "{channel};messageid={root}".
        var conversation = target.IsChannel ? $"{target.ConversationId};messageid={thread ?? externalId}" : target.ConversationId;
        var activity = OutboundActivities.CardMessage(AdaptiveCardRenderer.Render(card), card.Title, id: externalId);
        await services.GetRequiredService<TeamsConnectorClient>().UpdateAsync(target.ServiceUrl, conversation, externalId, activity, target.Tenant, cancellationToken);
    }

    /// <summary>The conversation behind an outbox lane: configured ids come back whole even when the lane is their hash.</summary>
    private string ConversationOf(string lane)
    {
        var channels = options.Value.Channels;
        foreach (var configured in (string?[])[channels.Alerts, channels.Legal, channels.Direction, channels.Leads])
        {
            if (configured is { Length: > 0 } && TeamsOutbox.Lane(configured) == lane)
            {
                return configured;
            }
        }

        return lane;
    }
}
