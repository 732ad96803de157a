using System.Text.Json;
using CmBot.Bot.Hosting;
using CmBot.Bot.Slack.Payloads;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// Someone mentioned CmBot or wrote to it directly: it answers with a short help, privately in the mention's thread,
/// or in the DM. Everything else CmBot hears is only stored and logged.
/// </summary>
public sealed partial class SlackEventResponder(SlackReplies replies, IOptions<CmBotOptions> options, ILogger<SlackEventResponder> logger)
{
    public async Task HandleAsync(SlackInboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var envelope = JsonSerializer.Deserialize(item.Payload, SlackRouteJsonContext.Default.SlackEventRoute);
        if (envelope is null || !SlackDeliveryRules.EventNeedsWork(envelope) || envelope.Event is not { Channel: { } channel, User: { } user } e)
        {
            return;
        }

        var help = SlackInboundTexts.For(options.Value.Language).Help;
        LogAnswering(e.Type ?? "?", user, channel);
        if (e.Type == SlackEventTypes.AppMention)
        {
            await replies.EphemeralAsync(channel, user, help, e.ThreadTs ?? e.Ts, cancellationToken);
        }
        else
        {
            await replies.MessageAsync(channel, help, null, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack {EventType} from {SlackUserId} in {Channel}: answering with help")]
    private partial void LogAnswering(string eventType, string slackUserId, string channel);
}
