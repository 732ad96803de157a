using System.Text.Json.Nodes;
using CmBot.Core.Chat;
using CmBot.Core.Routing;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// The modals behind "Save edit", "Approve" and "Reject": the draft text in a multiline input, or the text to decide
/// on (plain_text, so nothing in it is interpreted as mrkdwn) with a comment input.
/// </summary>
public static class SlackModals
{
    public const string CallbackIdField = "callback_id";

    // Slack's limits: modal title and buttons 24 characters, plain text blocks and inputs 3000.
    private const int MaxTitle = 24;
    private const int MaxText = 3000;

    public static JsonObject EditDraft(string text, SlackModalMetadata metadata, CardLabels labels, SlackInboundTexts texts)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(texts);
        return Modal(
            SlackIds.EditDraftCallback, texts.EditTitle, labels.SaveEdit, texts.Cancel, metadata,
            [Input(CardInputs.DraftText, labels.Text, text, multiline: true, optional: false)]);
    }

    /// <summary>Approve or reject (<paramref name="verb"/>) with an optional comment, or break the glass with a required justification.</summary>
    public static JsonObject Decide(string verb, string draftText, string? comment, SlackModalMetadata metadata, CardLabels labels, SlackInboundTexts texts)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(texts);
        var (title, submit, commentLabel, optional) = verb switch
        {
            ActionVerbs.Approve => (texts.ApproveTitle, labels.Approve, labels.Comment, true),
            ActionVerbs.BreakGlass => (texts.BreakGlassTitle, texts.BreakGlassTitle, texts.BreakGlassReason, false),
            ActionVerbs.RequestChanges => (texts.RequestChangesTitle, texts.RequestChangesSubmit, texts.RequestChangesReason, false),
            _ => (texts.RejectTitle, labels.Reject, labels.Comment, true),
        };
        return Modal(
            SlackIds.CallbackOfVerb(verb) ?? SlackIds.RejectDraftCallback,
            title,
            submit,
            texts.Cancel,
            metadata,
            [
                new JsonObject { ["type"] = "section", ["text"] = PlainText(Clip(draftText, MaxText)) },
                Input(CardInputs.Comment, commentLabel, comment, multiline: !optional, optional: optional),
            ]);
    }

    /// <summary>The target id a new silence's form carries (there is nothing to point at yet).</summary>
    public const string NewSilenceTarget = "new";

    /// <summary>
    /// The form behind <c>/cm silence</c>: what to mute (a word or matchers), for how long (a static select of
    /// <paramref name="durations"/>, as typed: 30m, 2h, 1d) and why (optional).
    /// </summary>
    public static JsonObject Silence(SlackModalMetadata metadata, IReadOnlyList<string> durations, SilenceTexts texts)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(durations);
        ArgumentNullException.ThrowIfNull(texts);
        var match = Input(CardInputs.SilenceMatch, texts.MatchLabel, null, multiline: false, optional: false);
        match["hint"] = PlainText(texts.MatchHint);
        var options = new JsonArray([.. durations.Select(d => (JsonNode)new JsonObject { ["text"] = PlainText(d), ["value"] = d })]);
        var duration = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = CardInputs.SilenceDuration,
            ["optional"] = false,
            ["label"] = PlainText(texts.DurationLabel),
            ["element"] = new JsonObject
            {
                ["type"] = "static_select",
                ["action_id"] = CardInputs.SilenceDuration,
                ["options"] = options,
                ["initial_option"] = durations.Contains("2h") ? options[durations.ToList().IndexOf("2h")]!.DeepClone() : options[0]!.DeepClone(),
            },
        };
        return Modal(
            SlackIds.SilenceCallback, texts.FormTitle, texts.Create, texts.Cancel, metadata,
            [match, duration, Input(CardInputs.SilenceReason, texts.ReasonLabel, null, multiline: false, optional: true)]);
    }

    /// <summary>"Mark as posted": the exact approved text to copy, and the link of the post once it is up.</summary>
    public static JsonObject MarkPosted(string draftText, string? link, SlackModalMetadata metadata, SlackInboundTexts texts)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(texts);
        return Modal(
            SlackIds.MarkPostedCallback, texts.MarkPostedTitle, texts.MarkPostedTitle, texts.Cancel, metadata,
            [
                new JsonObject { ["type"] = "section", ["text"] = PlainText(Clip(draftText, MaxText)) },
                Input(CardInputs.PostedLink, texts.MarkPostedLink, link, multiline: false, optional: false),
            ]);
    }

    private static JsonObject Modal(string callbackId, string title, string submit, string close, SlackModalMetadata metadata, JsonNode[] blocks) => new()
    {
        ["type"] = "modal",
        [CallbackIdField] = callbackId,
        ["private_metadata"] = metadata.Format(),
        ["title"] = PlainText(Clip(title, MaxTitle)),
        ["submit"] = PlainText(Clip(submit, MaxTitle)),
        ["close"] = PlainText(Clip(close, MaxTitle)),
        ["blocks"] = new JsonArray(blocks),
    };

    private static JsonObject Input(string id, string label, string? initial, bool multiline, bool optional)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = id,
            ["multiline"] = multiline,
            ["max_length"] = MaxText,
        };
        if (!string.IsNullOrEmpty(initial))
        {
            element["initial_value"] = Clip(initial, MaxText);
        }

        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = id,
            ["optional"] = optional,
            ["label"] = PlainText(label),
            ["element"] = element,
        };
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
