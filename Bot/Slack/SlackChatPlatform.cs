using System.Text.Json.Nodes;
using CmBot.Bot.Chat;
using CmBot.Bot.Slack.BlockKit;
using CmBot.Bot.Slack.Web;
using CmBot.Core.Chat;
using CmBot.Core.People;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack;

/// <summary>
/// Slack as a chat platform for the outbox: a card is posted with chat.postMessage (in its thread when it has
/// one), tagged with message metadata carrying the outbox row's idempotency key, and edited with chat.update.
/// Before posting a row whose earlier attempt ended without a known result (the sender died, or the call timed
/// out), it looks for a message with that key and adopts it instead of posting twice.
/// </summary>
public sealed partial class SlackChatPlatform(
    ISlackApi api,
    BlockKitRenderer renderer,
    SlackChannelResolver channels,
    IOptions<SlackOptions> options,
    ILogger<SlackChatPlatform> logger) : IChatPlatform, IChatImageUploads
{
    public const string PlatformName = "slack";

    /// <summary>
    /// Starts the error this platform reports when a post may have gone through; stored by the outbox as the row's
    /// LastError, it tells the next attempt to look for the message first.
    /// </summary>
    public const string MayHavePosted = "[slack: may have posted]";

    /// <summary>
    /// Starts the error of an upload whose file is already at Slack but not yet shared: the next attempt reads the
    /// file id back from the row's LastError and only shares it, so a chart is never uploaded into the channel twice.
    /// </summary>
    public const string UploadedPrefix = "[slack: uploaded ";

    /// <summary>Slack's and CmBot's clocks may disagree; look a little before the row was queued.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public string Name => PlatformName;

    public ChatChannels Channels
    {
        get
        {
            var configured = options.Value.Channels;
            return new ChatChannels(
                configured.Alerts,
                string.IsNullOrWhiteSpace(configured.Legal) ? configured.Alerts : configured.Legal,
                string.IsNullOrWhiteSpace(configured.Direction) ? configured.Alerts : configured.Direction)
            {
                Others = configured.Extra,
            };
        }
    }

    /// <summary>A direct message goes to "@U…"; the channel resolver opens the DM conversation (conversations.open).</summary>
    public string? DirectChannelFor(Person person) =>
        person?.SlackUserId is { Length: > 0 } user ? SlackChannelResolver.DirectPrefix + user : null;

    public async Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, CancellationToken cancellationToken)
    {
        try
        {
            return await PostAsync(channel, card, threadExternalId, metadata: null, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            throw ToDelivery(ex);
        }
    }

    public async Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, ChatSendOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var uncertain = origin.ClaimedBeforeWithoutResult || origin.LastError?.StartsWith(MayHavePosted, StringComparison.Ordinal) == true;
        if (uncertain && await FindPostedAsync(channel, threadExternalId, origin, cancellationToken) is { } adopted)
        {
            LogAdopted(origin.IdempotencyKey, channel, adopted);
            return adopted;
        }

        var metadata = new JsonObject
        {
            ["event_type"] = SlackActionIds.CardEventType,
            ["event_payload"] = new JsonObject { ["key"] = origin.IdempotencyKey },
        };
        try
        {
            return await PostAsync(channel, card, threadExternalId, metadata, cancellationToken);
        }
        catch (SlackApiException failure) when (SlackErrors.MayHaveSucceeded(failure.Error))
        {
            // Slack may have posted it: look now, and if it is not visible yet, tell the next attempt to look again.
            if (await TryFindAsync(channel, threadExternalId, origin, cancellationToken) is { } found)
            {
                LogAdopted(origin.IdempotencyKey, channel, found);
                return found;
            }

            throw new ChatDeliveryException($"{MayHavePosted} {failure.Message}", permanent: false, failure.RetryAfter);
        }
        catch (SlackApiException ex) when (uncertain && !ex.Permanent)
        {
            // The earlier attempt's message may still show up: keep the doubt for the next attempt.
            throw new ChatDeliveryException($"{MayHavePosted} {ex.Message}", permanent: false, ex.RetryAfter);
        }
        catch (SlackApiException ex)
        {
            throw ToDelivery(ex);
        }
    }

    public async Task<string> UploadImageAsync(string channel, ChatImage image, string? comment, string? threadExternalId, ChatSendOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(origin);
        var fileId = UploadedFileOf(origin.LastError);
        try
        {
            var channelId = await ConversationIdAsync(channel, cancellationToken);
            if (fileId is not null)
            {
                // An earlier attempt uploaded the bytes; sharing may even have gone through with its answer lost.
                var shares = await api.GetFileSharesAsync(fileId, cancellationToken);
                if (shares?.Contains(channelId, StringComparer.Ordinal) == true)
                {
                    LogAdoptedUpload(origin.IdempotencyKey, fileId, channel);
                    return fileId;
                }

                if (shares is null)
                {
                    // Slack discarded the unshared upload: start again with a fresh one.
                    fileId = null;
                }
            }

            if (fileId is null)
            {
                fileId = await api.StartUploadAsync(image.FileName, image.Png, cancellationToken);
            }
            else
            {
                LogReusingUpload(origin.IdempotencyKey, fileId);
            }

            await api.CompleteUploadAsync(channelId, fileId, image.Title, comment, threadExternalId, cancellationToken);
            return fileId;
        }
        catch (SlackApiException ex) when (fileId is not null && !ex.Permanent)
        {
            // The bytes are at Slack: the next attempt checks whether they were shared, and shares them if not.
            throw new ChatDeliveryException($"{UploadedPrefix}{fileId}] {ex.Message}", permanent: false, ex.RetryAfter);
        }
        catch (SlackApiException ex)
        {
            throw ToDelivery(ex);
        }
    }

    public async Task UpdateCardAsync(string channel, string externalId, Card card, CancellationToken cancellationToken)
    {
        var content = renderer.Render(card);
        try
        {
            var id = await ConversationIdAsync(channel, cancellationToken);
            await api.UpdateMessageAsync(id, externalId, content.Text, content.Blocks, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            throw ToDelivery(ex);
        }
    }

    private async Task<string> PostAsync(string channel, Card card, string? thread, JsonObject? metadata, CancellationToken cancellationToken)
    {
        var content = renderer.Render(card);
        var target = SlackChannelResolver.IsDirect(channel) ? await channels.ResolveAsync(channel, cancellationToken) : channel;
        var posted = await api.PostMessageAsync(target, content.Text, content.Blocks, thread, metadata, cancellationToken);
        channels.Remember(channel, posted.Channel);
        return posted.Ts;
    }

    /// <summary>The ts of the message tagged with this row's key, or null; Slack errors become delivery errors.</summary>
    private async Task<string?> FindPostedAsync(string channel, string? thread, ChatSendOrigin origin, CancellationToken cancellationToken)
    {
        try
        {
            var id = await ConversationIdAsync(channel, cancellationToken);
            var messages = thread is null
                ? await api.GetHistoryAsync(id, origin.QueuedAt - ClockSkew, cancellationToken)
                : await api.GetRepliesAsync(id, thread, cancellationToken);
            return messages.Where(m => IsTagged(m, origin.IdempotencyKey)).Select(m => Text(m["ts"])).FirstOrDefault();
        }
        catch (SlackApiException ex) when (ex.Error is "missing_scope" or SlackErrors.NotInChannel)
        {
            // Without history access there is no way to check; posting (maybe twice) beats losing the alert.
            LogCannotCheck(origin.IdempotencyKey, channel, ex.Error);
            return null;
        }
        catch (SlackApiException ex)
        {
            throw ToDelivery(ex);
        }
    }

    private async Task<string?> TryFindAsync(string channel, string? thread, ChatSendOrigin origin, CancellationToken cancellationToken)
    {
        try
        {
            return await FindPostedAsync(channel, thread, origin, cancellationToken);
        }
        catch (ChatDeliveryException)
        {
            return null;
        }
    }

    /// <summary>The conversation id behind a configured channel (a name is looked up, "@U…" opens the DM).</summary>
    private Task<string> ConversationIdAsync(string channel, CancellationToken cancellationToken) =>
        channels.ResolveAsync(channel, cancellationToken);

    private static string? UploadedFileOf(string? lastError)
    {
        if (lastError is null || !lastError.StartsWith(UploadedPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = lastError.IndexOf(']', UploadedPrefix.Length);
        return end > UploadedPrefix.Length ? lastError[UploadedPrefix.Length..end] : null;
    }

    private static bool IsTagged(JsonObject message, string key) =>
        message["metadata"] is JsonObject metadata &&
        Text(metadata["event_type"]) == SlackActionIds.CardEventType &&
        Text(metadata["event_payload"]?["key"]) == key;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static ChatDeliveryException ToDelivery(SlackApiException ex) => new(ex.Message, ex.Permanent, ex.RetryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Key} was already posted to Slack {Channel} as {Ts}; adopted it instead of posting again")]
    private partial void LogAdopted(string key, string channel, string ts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Key}: file {FileId} was already shared in Slack {Channel}; adopted it instead of sharing again")]
    private partial void LogAdoptedUpload(string key, string fileId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox row {Key}: file {FileId} is already at Slack; sharing it without uploading again")]
    private partial void LogReusingUpload(string key, string fileId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot check whether outbox row {Key} is already in Slack {Channel} ({Error}); posting it")]
    private partial void LogCannotCheck(string key, string channel, string error);
}
