using System.Text.Json.Nodes;
using CmBot.Bot.Slack.Payloads;
using CmBot.Bot.Silences;
using CmBot.Core.Chat;
using CmBot.Core.Chat.Commands;
using CmBot.Core.Routing;
using CmBot.Core.Replies;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// What must be answered in the HTTP response to a view_submission: input errors are shown in the modal
/// (<c>response_action: errors</c>, keyed by block_id) and keep it open; a valid submission closes it (empty 200).
/// </summary>
public static class SlackSubmissionRules
{
    /// <summary>The response body for an invalid submission of a CmBot modal, or null when it may proceed.</summary>
    public static JsonObject? Errors(SlackViewSubmissionPayload payload, SlackInboundTexts texts, SilenceSettings? silences = null, SilenceTexts? silenceTexts = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(texts);
        var verb = SlackIds.VerbOfCallback(payload.View?.CallbackId);
        if (verb == ActionVerbs.SilenceCreate)
        {
            return SilenceErrors(SlackInputs.Read(payload.View?.State), silences ?? SilenceSettings.Default, silenceTexts ?? SilenceTexts.English);
        }

        var inputs = SlackInputs.Read(payload.View?.State);
        var (input, error) = verb switch
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

    /// <summary>The silence form: the match must read as a word or matchers, the duration as one within the maximum.</summary>
    private static JsonObject? SilenceErrors(IReadOnlyDictionary<string, string> inputs, SilenceSettings settings, SilenceTexts texts)
    {
        var errors = new JsonObject();
        try
        {
            SilenceMatch.Parse(inputs.GetValueOrDefault(CardInputs.SilenceMatch));
        }
        catch (FormatException ex)
        {
            errors[CardInputs.SilenceMatch] = Clip(texts.BadMatch(ex.Message));
        }

        var typed = inputs.GetValueOrDefault(CardInputs.SilenceDuration) ?? string.Empty;
        if (!CommandDuration.TryParse(typed, out var duration))
        {
            errors[CardInputs.SilenceDuration] = Clip(texts.BadDuration(typed));
        }
        else if (duration > settings.MaxDuration)
        {
            errors[CardInputs.SilenceDuration] = Clip(texts.TooLong(settings.MaxDuration));
        }

        return errors.Count == 0 ? null : new JsonObject
        {
            [SlackResponseFields.ResponseAction] = SlackResponseFields.Errors,
            [SlackResponseFields.Errors] = errors,
        };
    }

    // Slack shows a field error under the input; keep it to a couple of lines.
    private static string Clip(string text) => text.Length <= 150 ? text : string.Concat(text.AsSpan(0, 149), "…");
}
