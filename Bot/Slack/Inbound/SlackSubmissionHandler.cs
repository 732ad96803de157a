using System.Text.Json;
using CmBot.Bot.Hosting;
using CmBot.Bot.Slack.Payloads;
using CmBot.Bot.Storage;
using CmBot.Core.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// A CmBot modal submitted (view_submission): runs its verb on the draft named in private_metadata with the values
/// typed in. Shape errors were already answered in the HTTP response (<see cref="SlackSubmissionRules"/>); this
/// is the part that may take time.
/// </summary>
public sealed partial class SlackSubmissionHandler(
    IServiceScopeFactory scopes,
    SlackClickHandler clicks,
    SlackReplies replies,
    IOptions<CmBotOptions> options,
    ILogger<SlackSubmissionHandler> logger)
{
    public async Task HandleAsync(SlackInboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var payload = JsonSerializer.Deserialize(item.Payload, SlackJsonContext.Default.SlackViewSubmissionPayload);
        var verb = SlackIds.VerbOfCallback(payload?.View?.CallbackId);
        var metadata = SlackModalMetadata.Parse(payload?.View?.PrivateMetadata);
        if (payload?.User?.Id is not { Length: > 0 } userId || verb is null || metadata is null)
        {
            LogNotOurs(item.Id, payload?.View?.CallbackId ?? "?");
            return;
        }

        if (verb != ActionVerbs.EditDraft && metadata.TextSha256 is { } shown && !await TextStillIsAsync(metadata.TargetId, shown, cancellationToken))
        {
            // An approval is bound to the text's hash: never let one land on a text the approver did not see.
            LogTextChanged(verb, metadata.TargetId, userId);
            await replies.EphemeralAsync(metadata.Channel, userId, SlackInboundTexts.For(options.Value.Language).TextChanged, metadata.ThreadTs, cancellationToken);
            return;
        }

        var outcome = await clicks.ActAsync(verb, metadata.TargetId, userId, metadata, SlackInputs.Read(payload.View?.State), cancellationToken);
        if (outcome.Succeeded && verb == ActionVerbs.SilenceCreate)
        {
            // A form has no message to update: the person learns the silence's id and end privately.
            await replies.EphemeralAsync(metadata.Channel, userId, "✅ " + outcome.Message, metadata.ThreadTs, cancellationToken);
        }
    }

    private async Task<bool> TextStillIsAsync(string draftId, string shownSha256Prefix, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(draftId, out var id))
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var current = await scope.ServiceProvider.GetRequiredService<CmBotDbContext>().Drafts.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => d.TextSha256)
            .FirstOrDefaultAsync(cancellationToken);

        // A missing draft is reported by the action itself.
        return current is null || current.StartsWith(shownSha256Prefix, StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack view submission {InboxId} ({CallbackId}) is not a CmBot modal; ignored")]
    private partial void LogNotOurs(long inboxId, string callbackId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Verb} on draft {DraftId} by {SlackUserId} refused: the text changed after the modal opened")]
    private partial void LogTextChanged(string verb, string draftId, string slackUserId);
}
