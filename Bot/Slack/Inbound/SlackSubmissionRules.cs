using System.Text.Json.Nodes;
using CmBot.Bot.Slack.Payloads;
using CmBot.Core.Chat;

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
        if (SlackIds.VerbOfCallback(payload.View?.CallbackId) != ActionVerbs.EditDraft)
        {
            return null;
        }

        var inputs = SlackInputs.Read(payload.View?.State);
        if (inputs.TryGetValue(CardInputs.DraftText, out var text) && !string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return new JsonObject
        {
            [SlackResponseFields.ResponseAction] = SlackResponseFields.Errors,
            [SlackResponseFields.Errors] = new JsonObject { [CardInputs.DraftText] = texts.EmptyDraft },
        };
    }
}
