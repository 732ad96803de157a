using System.Text.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Hosting;
using CmBot.Bot.Silences;
using CmBot.Bot.Slack.Payloads;
using CmBot.Core.Routing;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// <see cref="ISlackInbound"/>: persist, then acknowledge. Every delivery is stored (group commit, see
/// <see cref="SlackInboxWriter"/>) before the 2xx; retries are acknowledged without a second row; a replayed signature
/// is refused. Only what Slack needs in the response itself is done here (the url_verification challenge, modal
/// input errors, slash command answers); everything else is left to <see cref="SlackInboxProcessor"/>.
/// </summary>
public sealed partial class SlackInbox(
    SlackInboxWriter writer,
    SlackCommandAnswers commands,
    SilenceSettings silences,
    IOptions<CmBotOptions> options,
    TimeProvider time,
    ILogger<SlackInbox> logger) : ISlackInbound
{
    private static readonly SlackAck BadRequest = new(400);
    private static readonly SlackAck Unauthorized = new(401);

    public async Task<SlackAck> AcceptAsync(SlackInboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Payload.ValueKind != JsonValueKind.Object)
        {
            LogMalformed(request.Kind, "the payload is not a JSON object");
            return BadRequest;
        }

        try
        {
            return request.Kind switch
            {
                SlackPayloadKind.Event => await AcceptEventAsync(request),
                SlackPayloadKind.Interactivity => await AcceptInteractionAsync(request),
                _ => await AcceptCommandAsync(request, cancellationToken),
            };
        }
        catch (JsonException ex)
        {
            LogMalformed(request.Kind, ex.Message);
            return BadRequest;
        }
    }

    private async Task<SlackAck> AcceptEventAsync(SlackInboundRequest request)
    {
        var envelope = request.Payload.Deserialize(SlackRouteJsonContext.Default.SlackEventRoute)!;
        switch (envelope.Type)
        {
            case SlackEventTypes.UrlVerification when envelope.Challenge is { } challenge:
                // Slack checks the endpoint when the Request URL is saved: nothing to store, nothing to do later.
                return new SlackAck(200, new JsonObject { [SlackResponseFields.Challenge] = challenge }.ToJsonString());
            case SlackEventTypes.EventCallback when envelope.EventId is { Length: > 0 } eventId:
                var state = SlackDeliveryRules.EventNeedsWork(envelope) ? SlackInboxState.Pending : SlackInboxState.Ignored;
                var entry = Entry(request, envelope.Event?.Type ?? "unknown", SlackDeliveryRules.EventKey(eventId), state);
                return await StoreAsync(entry, request) ?? SlackAck.Empty;
            case SlackEventTypes.AppRateLimited:
                LogRateLimited(envelope.TeamId ?? "?");
                return SlackAck.Empty;
            default:
                LogMalformed(request.Kind, $"unexpected delivery type '{envelope.Type}' or no event_id");
                return BadRequest;
        }
    }

    private async Task<SlackAck> AcceptInteractionAsync(SlackInboundRequest request)
    {
        var type = request.Payload.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
        switch (type)
        {
            case SlackInteractionTypes.BlockActions:
                var click = request.Payload.Deserialize(SlackRouteJsonContext.Default.SlackClickRoute)!;
                var clickKey = SlackDeliveryRules.InteractionKey(type, click.User?.Id, click.TriggerId, click.Actions is [var first, ..] ? first.ActionTs : null, click.View?.Id, click.View?.Hash);
                var clickState = SlackDeliveryRules.ClickNeedsWork(click) ? SlackInboxState.Pending : SlackInboxState.Ignored;
                return await StoreAsync(Entry(request, type, clickKey, clickState), request) ?? SlackAck.Empty;

            case SlackInteractionTypes.ViewSubmission:
                var submission = request.Payload.Deserialize(SlackJsonContext.Default.SlackViewSubmissionPayload)!;
                var submissionKey = SlackDeliveryRules.InteractionKey(type, submission.User?.Id, submission.TriggerId, null, submission.View?.Id, submission.View?.Hash);
                var errors = SlackSubmissionRules.Errors(submission, SlackInboundTexts.For(options.Value.Language), silences, SilenceTexts.For(options.Value.Language));
                var ours = SlackIds.VerbOfCallback(submission.View?.CallbackId) is not null;
                var submissionState = ours && errors is null ? SlackInboxState.Pending : SlackInboxState.Ignored;
                var submissionEntry = Entry(request, type, submissionKey, submissionState, errors is null ? null : "refused: input errors shown in the modal");
                return await StoreAsync(submissionEntry, request)
                    ?? (errors is null ? SlackAck.Empty : new SlackAck(200, errors.ToJsonString()));

            case SlackInteractionTypes.ViewClosed:
                var closed = request.Payload.Deserialize(SlackJsonContext.Default.SlackViewClosedPayload)!;
                LogViewClosed(closed.View?.CallbackId ?? "?", closed.User?.Id ?? "?");
                var closedKey = SlackDeliveryRules.InteractionKey(type, closed.User?.Id, null, null, closed.View?.Id, closed.View?.Hash);
                return await StoreAsync(Entry(request, type, closedKey, SlackInboxState.Ignored), request) ?? SlackAck.Empty;

            case SlackInteractionTypes.Shortcut or SlackInteractionTypes.MessageAction:
                var shortcut = request.Payload.Deserialize(SlackJsonContext.Default.SlackShortcutPayload)!;
                LogShortcut(type, shortcut.CallbackId ?? "?", shortcut.User?.Id ?? "?");
                var shortcutKey = SlackDeliveryRules.InteractionKey(type, shortcut.User?.Id, shortcut.TriggerId, shortcut.ActionTs, null, null);
                return await StoreAsync(Entry(request, type, shortcutKey, SlackInboxState.Ignored), request) ?? SlackAck.Empty;

            case null:
                LogMalformed(request.Kind, "no interaction type");
                return BadRequest;

            default:
                // block_suggestion and future types: stored for the record, answered with an empty 200.
                return await StoreAsync(Entry(request, type, null, SlackInboxState.Ignored), request) ?? SlackAck.Empty;
        }
    }

    private async Task<SlackAck> AcceptCommandAsync(SlackInboundRequest request, CancellationToken cancellationToken)
    {
        var command = request.Payload.Deserialize(SlackJsonContext.Default.SlackSlashCommand)!;
        // Slack's certificate check carries no command; a signed body that names a command is a command to answer.
        if (command.SslCheck == "1" && string.IsNullOrEmpty(command.Command))
        {
            return SlackAck.Empty;
        }

        if (string.IsNullOrEmpty(command.Command))
        {
            LogMalformed(request.Kind, "no command");
            return BadRequest;
        }

        // Answered in the response below, so there is nothing left for the processor: stored for dedup and the record.
        var entry = Entry(request, command.Command, SlackDeliveryRules.CommandKey(command.TriggerId), SlackInboxState.Ignored);
        if (await StoreAsync(entry, request) is { } refusedOrRepeated)
        {
            return refusedOrRepeated;
        }

        return new SlackAck(200, await commands.AnswerAsync(command, cancellationToken));
    }

    // The columns are bounded (64 and 192): a type or key of unexpected length must not make the insert fail.
    private SlackInboxEntry Entry(SlackInboundRequest request, string type, string? dedupKey, SlackInboxState state, string? note = null) =>
        new(request.Kind, type.Length <= 64 ? type : type[..64], SlackDeliveryRules.Bounded(dedupKey), request.Signature,
            request.Payload.GetRawText(), time.GetUtcNow(), state, request.RetryNum, note);

    /// <summary>Stores the delivery; null when it is new (go on), else the answer for a retry or a replay.</summary>
    private async Task<SlackAck?> StoreAsync(SlackInboxEntry entry, SlackInboundRequest request)
    {
        switch (await writer.WriteAsync(entry))
        {
            case SlackInboxWriteResult.Stored:
                return null;
            case SlackInboxWriteResult.Duplicate:
                LogDuplicate(entry.Kind, entry.Type, entry.DedupKey ?? "-", request.RetryNum ?? 0, request.RetryReason ?? "-");
                return SlackAck.Empty;
            default:
                LogReplayed(entry.Kind, entry.Type);
                return Unauthorized;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Kind} delivery refused as malformed: {Reason}")]
    private partial void LogMalformed(SlackPayloadKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Kind} {Type} {DedupKey} already stored (retry {RetryNum}, reason {RetryReason}); acknowledged again")]
    private partial void LogDuplicate(SlackPayloadKind kind, string type, string dedupKey, int retryNum, string retryReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request refused (401): replayed signature on a {Kind} {Type} already accepted")]
    private partial void LogReplayed(SlackPayloadKind kind, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack paused event deliveries to workspace {TeamId} (app_rate_limited)")]
    private partial void LogRateLimited(string teamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack modal {CallbackId} closed by {SlackUserId}")]
    private partial void LogViewClosed(string callbackId, string slackUserId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Type} {CallbackId} by {SlackUserId}: CmBot defines no shortcut yet; acknowledged")]
    private partial void LogShortcut(string type, string callbackId, string slackUserId);
}
