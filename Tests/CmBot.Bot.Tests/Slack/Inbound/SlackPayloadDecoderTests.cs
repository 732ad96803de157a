using System.Text;
using System.Text.Json;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Slack.Payloads;

namespace CmBot.Bot.Tests.Slack.Inbound;

public sealed class SlackPayloadDecoderTests
{
    [Fact]
    public void TryDecode_RecordedSlashCommandForm_FieldsBecomeJsonObject()
    {
        using var document = SlackPayloadDecoder.TryDecode(SlackPayloadKind.Command, SlackFixtures.Bytes("commands/slash_command.form.txt"));

        Assert.NotNull(document);
        var command = document.RootElement.Deserialize(SlackJsonContext.Default.SlackSlashCommand)!;
        Assert.Equal("/hello-world", command.Command);
        Assert.Equal("Hi", command.Text);
        Assert.Equal("W111", command.UserId);
        Assert.Equal("C111", command.ChannelId);
        Assert.Equal("111.111.xxx", command.TriggerId);
        Assert.Equal("https://hooks.slack.com/commands/T111/111/xxxxx", command.ResponseUrl);
        Assert.Equal("Org Name", command.Extra!["enterprise_name"].GetString());
    }

    [Fact]
    public void TryDecode_RecordedFormWithByteOrderMark_PayloadParsed()
    {
        using var document = SlackPayloadDecoder.TryDecode(SlackPayloadKind.Interactivity, SlackFixtures.Bytes("interactivity/block_actions.static_select_from_message.form.txt"));

        Assert.NotNull(document);
        var click = document.RootElement.Deserialize(SlackJsonContext.Default.SlackBlockActionsPayload)!;
        Assert.Equal("block_actions", click.Type);
        Assert.Equal("UCJ0BJ4MP", click.User!.Id);
        Assert.Equal("D01DX1HSCC9", click.Container!.ChannelId);
        Assert.Equal("select-fruit|apple", Assert.Single(click.Actions!).SelectedOption!.Value);
    }

    [Theory]
    [InlineData("events/app_mention.json", SlackPayloadKind.Event)]
    [InlineData("interactivity/view_submission.form.txt", SlackPayloadKind.Interactivity)]
    [InlineData("interactivity/shortcut.global.form.txt", SlackPayloadKind.Interactivity)]
    [InlineData("interactivity/message_action.form.txt", SlackPayloadKind.Interactivity)]
    public void TryDecode_RecordedBody_KeepsTheFieldsSlackSent(string fixture, SlackPayloadKind kind)
    {
        using var document = SlackPayloadDecoder.TryDecode(kind, SlackFixtures.Bytes(fixture));

        Assert.NotNull(document);
        Assert.True(document.RootElement.TryGetProperty("type", out var type));
        Assert.False(string.IsNullOrEmpty(type.GetString()));
    }

    [Theory]
    [InlineData("payload=%7B%22text%22%3A%22a+b%2Bc%22%7D", "a b+c")]
    [InlineData("payload=%7B%22text%22%3A%22caf%C3%A9%22%7D&unused=1", "café")]
    [InlineData("other=1&payload=%7b%22text%22%3a%22x%22%7d", "x")]
    public void TryDecode_FormEncodedPayload_DecodedExactly(string body, string text)
    {
        using var document = SlackPayloadDecoder.TryDecode(SlackPayloadKind.Interactivity, Encoding.UTF8.GetBytes(body));

        Assert.NotNull(document);
        Assert.Equal(text, document.RootElement.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("events/app_mention.json", "client_msg_id")]
    [InlineData("events/message.channel.json", "blocks")]
    [InlineData("events/message.message_changed.json", "previous_message")]
    public void Deserialize_RecordedEvent_FieldsCmBotDoesNotModelKeptInExtra(string fixture, string eventField)
    {
        var envelope = JsonSerializer.Deserialize(SlackFixtures.Text(fixture), SlackJsonContext.Default.SlackEventEnvelope)!;

        Assert.Equal("event_callback", envelope.Type);
        Assert.Equal("Ev111", envelope.EventId);
        Assert.Equal("A111", envelope.ApiAppId);
        Assert.False(envelope.Extra!.ContainsKey("api_app_id"));
        Assert.True(envelope.Extra.ContainsKey("token"));
        Assert.True(envelope.Event!.Extra!.ContainsKey(eventField));
    }

    [Theory]
    [InlineData(SlackPayloadKind.Event, "{\"type\": \"event_callback\"")]
    [InlineData(SlackPayloadKind.Event, "")]
    [InlineData(SlackPayloadKind.Interactivity, "token=abc&team_id=T1")]
    [InlineData(SlackPayloadKind.Interactivity, "payload=%7Bnot-json")]
    [InlineData(SlackPayloadKind.Interactivity, "payload=")]
    [InlineData(SlackPayloadKind.Interactivity, "payload=%7B%ZZ%7D")]
    [InlineData(SlackPayloadKind.Interactivity, "payload=%7B%7")]
    [InlineData(SlackPayloadKind.Command, "")]
    public void TryDecode_MalformedBody_Null(SlackPayloadKind kind, string body)
    {
        using var document = SlackPayloadDecoder.TryDecode(kind, Encoding.UTF8.GetBytes(body));

        Assert.Null(document);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", SlackPayloadKind.Interactivity, true)]
    [InlineData("application/x-www-form-urlencoded; charset=utf-8", SlackPayloadKind.Command, true)]
    [InlineData("Application/X-WWW-Form-Urlencoded;charset=UTF-8", SlackPayloadKind.Interactivity, true)]
    [InlineData("application/json", SlackPayloadKind.Event, true)]
    [InlineData("application/json; charset=utf-8", SlackPayloadKind.Event, true)]
    [InlineData("application/json", SlackPayloadKind.Interactivity, false)]
    [InlineData("application/x-www-form-urlencoded", SlackPayloadKind.Event, false)]
    [InlineData("text/plain", SlackPayloadKind.Command, false)]
    [InlineData(null, SlackPayloadKind.Event, false)]
    public void HasExpectedMediaType_SlacksContentTypes_AcceptedWithOrWithoutCharset(string? contentType, SlackPayloadKind kind, bool expected)
    {
        Assert.Equal(expected, SlackPayloadDecoder.HasExpectedMediaType(contentType, kind));
    }
}
