using System.Text.Json;
using CmBot.Bot.Actions;
using CmBot.Bot.Hosting;
using CmBot.Bot.Slack.BlockKit;
using CmBot.Bot.Slack.Payloads;
using CmBot.Bot.Storage;
using CmBot.Core.Chat;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// A click on a CmBot button (block_actions, action_id = verb, value = incident or draft id). Verbs that need input
/// (edit, approve, reject) open a modal first — within the trigger's 3 seconds, before anything slower — and act when
/// it is submitted; the others act at once, as the mapped person, and a refusal is shown to that person only.
/// </summary>
public sealed partial class SlackClickHandler(
    IServiceScopeFactory scopes,
    ActionDispatcher dispatcher,
    SlackIdentity identity,
    SlackReplies replies,
    IOptions<CmBotOptions> options,
    ILogger<SlackClickHandler> logger)
{
    public async Task HandleAsync(SlackInboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var payload = JsonSerializer.Deserialize(item.Payload, SlackJsonContext.Default.SlackBlockActionsPayload);
        if (payload?.User?.Id is not { Length: > 0 } userId)
        {
            LogNoUser(item.Id);
            return;
        }

        var channel = payload.Container?.ChannelId ?? payload.Channel?.Id;
        var messageTs = payload.Container?.MessageTs ?? payload.Message?.Ts;
        var place = new SlackModalMetadata(string.Empty, channel, messageTs, payload.Message?.ThreadTs ?? payload.Container?.ThreadTs ?? messageTs);
        var inputs = SlackInputs.Read(payload.State);
        foreach (var action in payload.Actions ?? [])
        {
            if (!TryReadVerb(action, out var verb, out var target))
            {
                continue;
            }

            if (SlackIds.CallbackOfVerb(verb) is not null && payload.TriggerId is { Length: > 0 } trigger && !KnownToBeUnknown(userId) &&
                await TryOpenModalAsync(verb, place with { TargetId = target }, inputs, trigger, cancellationToken))
            {
                continue;
            }

            await ActAsync(verb, target, userId, place, inputs, cancellationToken);
        }
    }

    /// <summary>A button (action_id = verb, value = target) or an option of CmBot's overflow menu (value = "verb|target").</summary>
    internal static bool TryReadVerb(SlackBlockAction action, out string verb, out string target)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.ActionId is { } id && id.StartsWith(SlackActionIds.Overflow, StringComparison.Ordinal))
        {
            return SlackActionIds.TryParseOverflowValue(action.SelectedOption?.Value, out verb, out target) && target.Length > 0;
        }

        verb = action.ActionId ?? string.Empty;
        target = action.Value ?? string.Empty;
        return ActionVerbs.All.Contains(verb) && target.Length > 0;
    }

    /// <summary>Runs the verb as the person behind <paramref name="slackUserId"/>; tells them privately when it is refused.</summary>
    internal async Task<ActionOutcome> ActAsync(string verb, string targetId, string slackUserId, SlackModalMetadata place, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        var person = await identity.ResolveAsync(slackUserId, cancellationToken);
        var where = new ChatLocation(SlackIds.Platform, place.Channel ?? string.Empty, place.MessageTs);

        // The dispatcher makes an unknown person from the id it is given, so an unknown user is named by their Slack
        // id — unless that id happens to be a declared person's id, which must never let them act as that person.
        var actor = identity.IsKnown(person) || identity.IsDeclaredId(slackUserId) ? person.Id : slackUserId;
        var outcome = await dispatcher.DispatchAsync(new ChatAction(verb, targetId, actor, where, inputs), cancellationToken);
        LogActed(verb, targetId, slackUserId, person.Id, outcome.Succeeded);
        if (!outcome.Succeeded)
        {
            var texts = SlackInboundTexts.For(options.Value.Language);
            var message = identity.IsKnown(person)
                ? outcome.Message
                : $"{outcome.Message} {string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.NotInPeopleFile, slackUserId)}";
            await replies.EphemeralAsync(place.Channel, slackUserId, message, place.ThreadTs, cancellationToken);
        }

        return outcome;
    }

    /// <summary>No modal for someone already known not to be in the team: they would fill it in for nothing.</summary>
    private bool KnownToBeUnknown(string slackUserId) =>
        identity.TryResolveLocally(slackUserId, out var person) && !identity.IsKnown(person);

    private async Task<bool> TryOpenModalAsync(string verb, SlackModalMetadata metadata, IReadOnlyDictionary<string, string> inputs, string triggerId, CancellationToken cancellationToken)
    {
        if (replies.Api is null || !Guid.TryParse(metadata.TargetId, out var draftId))
        {
            return false;
        }

        DraftText? draft;
        await using (var scope = scopes.CreateAsyncScope())
        {
            draft = await scope.ServiceProvider.GetRequiredService<CmBotDbContext>().Drafts.AsNoTracking()
                .Where(d => d.Id == draftId)
                .Select(d => new DraftText(d.Text, d.TextSha256))
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (draft is null)
        {
            // Acting reports "does not exist" to the person, with the reason audited.
            return false;
        }

        var labels = CardLabels.For(options.Value.Language);
        var texts = SlackInboundTexts.For(options.Value.Language);
        var view = verb == ActionVerbs.EditDraft
            ? SlackModals.EditDraft(inputs.GetValueOrDefault(CardInputs.DraftText) ?? draft.Text, metadata, labels, texts)
            : verb == ActionVerbs.MarkPosted
            ? SlackModals.MarkPosted(draft.Text, inputs.GetValueOrDefault(CardInputs.PostedLink), metadata with { TextSha256 = draft.Sha256[..16] }, texts)
            : SlackModals.Decide(verb, draft.Text, inputs.GetValueOrDefault(CardInputs.Comment), metadata with { TextSha256 = draft.Sha256[..16] }, labels, texts);
        return await replies.OpenViewAsync(triggerId, view, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack click {InboxId} has no user; ignored")]
    private partial void LogNoUser(long inboxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Verb} on {TargetId} by Slack user {SlackUserId} (person {PersonId}): succeeded={Succeeded}")]
    private partial void LogActed(string verb, string targetId, string slackUserId, string personId, bool succeeded);

    private sealed record DraftText(string Text, string Sha256);
}
