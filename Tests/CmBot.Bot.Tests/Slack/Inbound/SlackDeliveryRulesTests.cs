using System.Text.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Slack;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Slack.Payloads;
using CmBot.Core.Chat;

namespace CmBot.Bot.Tests.Slack.Inbound;

public sealed class SlackDeliveryRulesTests
{
    [Theory]
    [InlineData("events/app_mention.json", true)]
    [InlineData("events/message.bot_message.json", false)]
    [InlineData("events/message.channel.json", false)]
    [InlineData("events/message.message_changed.json", false)]
    [InlineData("events/message.thread_reply.json", false)]
    [InlineData("events/reaction_added.json", false)]
    public void EventNeedsWork_RecordedEvents_OnlyPeopleTalkingToCmBot(string fixture, bool expected)
    {
        var envelope = JsonSerializer.Deserialize(SlackFixtures.Text(fixture), SlackRouteJsonContext.Default.SlackEventRoute)!;

        Assert.Equal(expected, SlackDeliveryRules.EventNeedsWork(envelope));
    }

    [Fact]
    public void EventNeedsWork_DirectMessageFromAPerson_True()
    {
        // The recorded channel message, moved to a DM (channel_type im) to stand for a person writing to CmBot.
        var json = SlackFixtures.Json("events/message.channel.json");
        json["event"]!["channel_type"] = SlackEventTypes.DirectMessageChannel;

        Assert.True(SlackDeliveryRules.EventNeedsWork(Envelope(json)));
    }

    [Fact]
    public void IsFromBot_MessageByOurOwnBotUser_True()
    {
        // The recorded thread reply's authorization names the app's bot user (W111, is_bot): make the author that user.
        var json = SlackFixtures.Json("events/message.thread_reply.json");
        json["event"]!["user"] = "W111";
        json["event"]!["channel_type"] = SlackEventTypes.DirectMessageChannel;

        var envelope = Envelope(json);

        Assert.True(SlackDeliveryRules.IsFromBot(envelope));
        Assert.False(SlackDeliveryRules.EventNeedsWork(envelope));
    }

    [Fact]
    public void IsFromBot_RecordedClassicBotMessage_True()
    {
        var envelope = JsonSerializer.Deserialize(SlackFixtures.Text("events/message.bot_message.json"), SlackRouteJsonContext.Default.SlackEventRoute)!;

        Assert.True(SlackDeliveryRules.IsFromBot(envelope));
    }

    [Fact]
    public void InteractionKey_SameGestureTwice_SameKeyAndDifferentTriggerDiffers()
    {
        var first = SlackDeliveryRules.InteractionKey(SlackInteractionTypes.BlockActions, "U1", "111.222.xxx", "1606455407.603639", null, null);
        var again = SlackDeliveryRules.InteractionKey(SlackInteractionTypes.BlockActions, "U1", "111.222.xxx", "1606455407.603639", null, null);
        var other = SlackDeliveryRules.InteractionKey(SlackInteractionTypes.BlockActions, "U1", "111.222.yyy", "1606455407.603639", null, null);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.StartsWith("interaction:", first, StringComparison.Ordinal);
        Assert.True(first.Length < 192);
    }

    [Fact]
    public void Bounded_KeyLongerThanTheColumn_HashedAndShortKeysKept()
    {
        var longKey = SlackDeliveryRules.EventKey(new string('E', 400));

        Assert.Equal("event:Ev111", SlackDeliveryRules.Bounded("event:Ev111"));
        Assert.StartsWith("sha256:", SlackDeliveryRules.Bounded(longKey), StringComparison.Ordinal);
        Assert.Equal(SlackDeliveryRules.Bounded(longKey), SlackDeliveryRules.Bounded(longKey));
        Assert.True(SlackDeliveryRules.Bounded(longKey)!.Length <= 192);
    }

    [Fact]
    public void ClickNeedsWork_RecordedClickOnAnotherAppsButton_FalseAndOnOurVerb_True()
    {
        // The recorded click is on a button "save"; the same click on CmBot's Acknowledge button (action_id edited).
        var json = SlackFixtures.Json("interactivity/block_actions.button_with_state.json");
        var theirs = json.Deserialize(SlackRouteJsonContext.Default.SlackClickRoute)!;
        json["actions"]![0]!["action_id"] = ActionVerbs.Acknowledge;
        var ours = json.Deserialize(SlackRouteJsonContext.Default.SlackClickRoute)!;

        Assert.False(SlackDeliveryRules.ClickNeedsWork(theirs));
        Assert.True(SlackDeliveryRules.ClickNeedsWork(ours));
    }

    [Fact]
    public void Read_StateWithCardInputs_ValuesByInputIdWhateverTheBlock()
    {
        // The recorded state holds an external_select; CmBot's card inputs are added beside it.
        var json = SlackFixtures.Json("interactivity/block_actions.button_with_state.json");
        var values = json["state"]!["values"]!.AsObject();
        values["blockA"] = new JsonObject { [CardInputs.DraftText] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Bonjour" } };
        values[CardInputs.Comment] = new JsonObject { [CardInputs.Comment] = new JsonObject { ["type"] = "plain_text_input", ["value"] = null } };
        var payload = json.Deserialize(SlackJsonContext.Default.SlackBlockActionsPayload)!;

        var inputs = SlackInputs.Read(payload.State);

        Assert.Equal("Bonjour", inputs[CardInputs.DraftText]);
        Assert.False(inputs.ContainsKey(CardInputs.Comment));
        Assert.Single(inputs);
    }

    [Fact]
    public void Parse_FormattedMetadata_RoundTripsAndBareIdIsTarget()
    {
        var metadata = new SlackModalMetadata("6f1c", "C1", "1.2", "1.0", "abcdef");

        Assert.Equal(metadata, SlackModalMetadata.Parse(metadata.Format()));
        Assert.Equal(new SlackModalMetadata("6f1c"), SlackModalMetadata.Parse("6f1c"));
        Assert.Null(SlackModalMetadata.Parse(""));
        Assert.Null(SlackModalMetadata.Parse("|C1"));
    }

    [Fact]
    public void Errors_EditSubmittedEmpty_ErrorOnTheTextBlock()
    {
        // The recorded submission, as CmBot's edit modal with the text cleared (callback and state edited).
        var json = SlackFixtures.Json("interactivity/view_submission.json");
        json["view"]!["callback_id"] = SlackIds.EditDraftCallback;
        json["view"]!["state"] = new JsonObject { ["values"] = new JsonObject { [CardInputs.DraftText] = new JsonObject { [CardInputs.DraftText] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "  " } } } };

        var errors = SlackSubmissionRules.Errors(json.Deserialize(SlackJsonContext.Default.SlackViewSubmissionPayload)!, SlackInboundTexts.English);

        Assert.NotNull(errors);
        Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
        Assert.Equal(SlackInboundTexts.English.EmptyDraft, errors["errors"]![CardInputs.DraftText]!.GetValue<string>());
    }

    [Fact]
    public void Errors_RecordedSubmissionOfAnotherModal_None()
    {
        var payload = JsonSerializer.Deserialize(SlackFixtures.Text("interactivity/view_submission.json"), SlackJsonContext.Default.SlackViewSubmissionPayload)!;

        Assert.Null(SlackSubmissionRules.Errors(payload, SlackInboundTexts.English));
        Assert.Equal("view-id", payload.View!.CallbackId);
        Assert.Equal("test", payload.View.State!.Values!["hspI"]["maBWU"].Value);
    }

    private static SlackEventRoute Envelope(JsonObject json) => json.Deserialize(SlackRouteJsonContext.Default.SlackEventRoute)!;
}
