using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CmBot.Bot.Slack.BlockKit;
using CmBot.Bot.Slack.Payloads;
using CmBot.Core.Chat;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// How a delivery is recognised when Slack sends it again (its dedup key), and whether CmBot has anything to do
/// with it after the acknowledgement. Pure functions: the same answer over HTTP and Socket Mode.
/// </summary>
public static class SlackDeliveryRules
{
    /// <summary>Slack's retries of an event keep its event_id.</summary>
    public static string EventKey(string eventId) => "event:" + eventId;

    /// <summary>
    /// Interactivity has no delivery id: the trigger_id is unique per user gesture, and the user, action_ts and view
    /// id/hash tell apart payloads that carry none (view_closed). Hashed to keep the key short and of fixed size.
    /// </summary>
    public static string InteractionKey(string type, string? userId, string? triggerId, string? actionTs, string? viewId, string? viewHash)
    {
        var text = string.Join('\n', type, userId, triggerId, actionTs, viewId, viewHash);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return "interaction:" + Base64Url.EncodeToString(hash);
    }

    /// <summary>A key as stored: itself when it fits the column, else a hash of it (still unique, same length).</summary>
    public static string? Bounded(string? key)
    {
        if (key is null || key.Length <= 192)
        {
            return key;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return "sha256:" + Base64Url.EncodeToString(hash);
    }

    /// <summary>A slash command's trigger_id is unique per invocation; null when Slack sent none.</summary>
    public static string? CommandKey(string? triggerId) => string.IsNullOrEmpty(triggerId) ? null : "command:" + triggerId;

    /// <summary>
    /// CmBot answers a person who mentions it or writes to it directly. Channel messages, edits, reactions and the
    /// rest are stored and acknowledged, nothing more.
    /// </summary>
    public static bool EventNeedsWork(SlackEventRoute envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Event is not { } e || IsFromBot(envelope))
        {
            return false;
        }

        return e.Type switch
        {
            SlackEventTypes.AppMention => true,
            SlackEventTypes.Message => e.Subtype is null && e.ChannelType == SlackEventTypes.DirectMessageChannel,
            _ => false,
        };
    }

    /// <summary>
    /// A message written by a bot, CmBot's own included (its bot user is the authorization marked is_bot): never
    /// answered, so two bots cannot keep answering each other.
    /// </summary>
    public static bool IsFromBot(SlackEventRoute envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Event is not { } e)
        {
            return false;
        }

        if (e.BotId is not null || e.Subtype == SlackEventTypes.BotMessageSubtype)
        {
            return true;
        }

        return e.User is { } user && envelope.Authorizations?.Any(a => a.IsBot == true && a.UserId == user) == true;
    }

    /// <summary>A click CmBot acts on: one of its buttons (action_id = a verb) or an option of its overflow menu ("verb|target").</summary>
    public static bool ClickNeedsWork(SlackClickRoute payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.Actions?.Any(a => a.ActionId is { } id && (ActionVerbs.All.Contains(id) ||
            (id.StartsWith(SlackActionIds.Overflow, StringComparison.Ordinal) && SlackActionIds.TryParseOverflowValue(a.SelectedOption?.Value, out _, out _)))) == true;
    }
}
