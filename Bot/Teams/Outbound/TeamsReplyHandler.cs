using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Cards;
using CmBot.Bot.Teams.Inbound;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>Sends a queued answer to a command as a reply to the user's message (in its thread, in a channel).</summary>
public sealed class TeamsReplyHandler(TeamsConnectorClient connector) : IOutboxHandler
{
    public string Kind => TeamsOutbox.ReplyKind;

    public async Task<OutboxResult> SendAsync(OutboxMessage message, CmBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reply = JsonSerializer.Deserialize<TeamsReplyPayload>(message.Payload, CardJson.Options)
            ?? throw new ChatDeliveryException("Empty Teams reply payload.", permanent: true);
        var activity = OutboundActivities.CardMessage(AdaptiveCardRenderer.Render(reply.Card), reply.Card.Title, replyToId: reply.ReplyToId);
        var serviceUrl = new Uri(reply.ServiceUrl);
        var tenant = reply.TenantId ?? "default";
        var id = reply.ReplyToId is { } replyTo
            ? await connector.ReplyAsync(serviceUrl, reply.ConversationId, replyTo, activity, tenant, cancellationToken)
            : await connector.SendAsync(serviceUrl, reply.ConversationId, activity, tenant, cancellationToken);
        return new OutboxResult(OutboxOutcome.Sent, id);
    }
}
