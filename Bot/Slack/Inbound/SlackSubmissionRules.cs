using System.Text.Json.Nodes;
using CmBot.Bot.Slack.Payloads;
using CmBot.Core.Chat;
using CmBot.Core.Replies;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// What must be answered in the HTTP response to a view_submission: input errors are shown in the modal
/// (<c>response_action: errors</c>, keyed by block_id) and keep it open; a valid submission closes it (empty 200).
/// </summary>
public static class SlackSubmissionRules
{
    /// <summary>The response body for an invalid submission of a CmBot modal, or null when it may proceed.</summary>
    public static JsonObject? Errors(SlackViewSubmissionPayload payload, SlackInboundTexts texts)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(texts);
        var inputs = SlackInputs.Read(payload.View?.State);
        var (input, error) = SlackIds.VerbOfCallback(payload.View?.CallbackId) switch
        {
            ActionVerbs.EditDraft when string.IsNullOrWhiteSpace(inputs.GetValueOrDefault(CardInputs.DraftText)) => (CardInputs.DraftText, texts.EmptyDraft),
            ActionVerbs.RequestChanges when string.IsNullOrWhiteSpace(inputs.GetValueOrDefault(CardInputs.Comment)) => (CardInputs.Comment, texts.EmptyComment),
            ActionVerbs.MarkPosted when !PostedLinks.TryParse(inputs.GetValueOrDefault(CardInputs.PostedLink), out _) => (CardInputs.PostedLink, texts.BadLink),
            _ => (null, null),
        };
        return input is null
            ? null
            : new JsonObject
            {
                [SlackResponseFields.ResponseAction] = SlackResponseFields.Errors,
                [SlackResponseFields.Errors] = new JsonObject { [input] = error },
            };
    }
}
