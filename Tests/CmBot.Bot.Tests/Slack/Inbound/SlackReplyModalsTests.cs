using System.Text.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Slack;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Slack.Payloads;
using CmBot.Core.Chat;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>The "Request changes" and "Mark as posted" modals: built with the text to read or copy, and their inputs checked on submit.</summary>
public sealed class SlackReplyModalsTests
{
    private static SlackViewSubmissionPayload Submission(string callbackId, string inputId, string value)
    {
        // The recorded submission, as one of CmBot's modals (callback and state edited).
        var json = SlackFixtures.Json("interactivity/view_submission.json");
        json["view"]!["callback_id"] = callbackId;
        json["view"]!["state"] = new JsonObject { ["values"] = new JsonObject { [inputId] = new JsonObject { [inputId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } } } };
        return json.Deserialize(SlackJsonContext.Default.SlackViewSubmissionPayload)!;
    }

    [Fact]
    public void Errors_RequestChangesWithoutComment_ErrorOnTheCommentBlock()
    {
        var errors = SlackSubmissionRules.Errors(Submission(SlackIds.RequestChangesCallback, CardInputs.Comment, " "), SlackInboundTexts.English);

        Assert.NotNull(errors);
        Assert.Equal(SlackInboundTexts.English.EmptyComment, errors["errors"]![CardInputs.Comment]!.GetValue<string>());
        Assert.Null(SlackSubmissionRules.Errors(Submission(SlackIds.RequestChangesCallback, CardInputs.Comment, "Shorter"), SlackInboundTexts.English));
    }

    [Theory]
    [InlineData("forum.example/t/1")]
    [InlineData("javascript:alert(1)")]
    public void Errors_MarkPostedWithBadLink_ErrorOnTheLinkBlock(string link)
    {
        var errors = SlackSubmissionRules.Errors(Submission(SlackIds.MarkPostedCallback, CardInputs.PostedLink, link), SlackInboundTexts.French);

        Assert.NotNull(errors);
        Assert.Equal(SlackInboundTexts.French.BadLink, errors["errors"]![CardInputs.PostedLink]!.GetValue<string>());
    }

    [Fact]
    public void Errors_MarkPostedWithHttpsLink_None() =>
        Assert.Null(SlackSubmissionRules.Errors(Submission(SlackIds.MarkPostedCallback, CardInputs.PostedLink, "https://forum.example/t/1"), SlackInboundTexts.English));

    [Fact]
    public void MarkPosted_ShowsExactTextAndRequiredLinkInput()
    {
        var view = SlackModals.MarkPosted("Hello <@U1> *not bold*", null, new SlackModalMetadata("d1"), SlackInboundTexts.English);

        Assert.Equal(SlackIds.MarkPostedCallback, view["callback_id"]!.GetValue<string>());
        var blocks = view["blocks"]!.AsArray();
        Assert.Equal("plain_text", blocks[0]!["text"]!["type"]!.GetValue<string>());
        Assert.Equal("Hello <@U1> *not bold*", blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal(CardInputs.PostedLink, blocks[1]!["block_id"]!.GetValue<string>());
        Assert.False(blocks[1]!["optional"]!.GetValue<bool>());
        Assert.Equal(ActionVerbs.MarkPosted, SlackIds.VerbOfCallback(SlackIds.CallbackOfVerb(ActionVerbs.MarkPosted)));
    }

    [Fact]
    public void Decide_RequestChanges_CommentRequired()
    {
        var view = SlackModals.Decide(ActionVerbs.RequestChanges, "Hello", null, new SlackModalMetadata("d1"), CardLabels.English, SlackInboundTexts.English);

        Assert.Equal(SlackIds.RequestChangesCallback, view["callback_id"]!.GetValue<string>());
        var comment = view["blocks"]!.AsArray()[1]!;
        Assert.Equal(CardInputs.Comment, comment["block_id"]!.GetValue<string>());
        Assert.False(comment["optional"]!.GetValue<bool>());
        Assert.Equal(ActionVerbs.RequestChanges, SlackIds.VerbOfCallback(SlackIds.CallbackOfVerb(ActionVerbs.RequestChanges)));
    }
}
