using System.Text;
using System.Text.Json;
using CmBot.Bot.Slack.SocketMode;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>The recorded Socket Mode messages read into their typed records; acks written as Slack expects.</summary>
public sealed class SocketModeMessageReaderTests
{
    private static SocketModeMessage Read(string json) => SocketModeMessageReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Read_HelloFixture_TypedHelloWithConnectionInfo()
    {
        var hello = Assert.IsType<SocketModeHello>(Read(SocketModeFixtures.Hello));

        Assert.Equal(2, hello.NumConnections);
        Assert.Equal("applink-111-xxx", hello.DebugInfo?.Host);
        Assert.Equal(18060, hello.DebugInfo?.ApproximateConnectionTime);
        Assert.True(hello.DebugInfo?.Extra?.ContainsKey("build_number"), "unknown debug fields are kept");
        Assert.True(hello.Extra?.ContainsKey("connection_info"), "unknown fields are kept");
    }

    [Fact]
    public void Read_DisconnectFixture_ReasonTooManyWebsockets()
    {
        var disconnect = Assert.IsType<SocketModeDisconnect>(Read(SocketModeFixtures.TooManyWebsockets));

        Assert.Equal(SocketModeDisconnectReasons.TooManyWebsockets, disconnect.Reason);
        Assert.False(SocketModeDisconnectReasons.IsRefresh(disconnect.Reason));
    }

    [Fact]
    public void Read_AppMentionFixture_EnvelopeWithPayloadAndRetryFields()
    {
        var envelope = Assert.IsType<SocketModeEnvelope>(Read(SocketModeFixtures.AppMention));

        Assert.Equal(SocketModeFixtures.AppMentionEnvelopeId, envelope.EnvelopeId);
        Assert.Equal(SocketModeTypes.EventsApi, envelope.Type);
        Assert.Equal("event_callback", envelope.Payload.GetProperty("type").GetString());
        Assert.False(envelope.AcceptsResponsePayload);
        Assert.Equal(0, envelope.RetryAttempt);
        Assert.Equal(string.Empty, envelope.RetryReason);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"hello\"")]
    [InlineData("{\"type\":")]
    public void Read_NotAJsonObject_Throws(string json) =>
        Assert.ThrowsAny<JsonException>(() => Read(json));

    [Fact]
    public void Read_UnknownTypeWithoutEnvelopeId_UnknownMessage()
    {
        var unknown = Assert.IsType<SocketModeUnknownMessage>(Read("""{"type":"ping_from_the_future"}"""));

        Assert.Equal("ping_from_the_future", unknown.Type);
    }

    [Fact]
    public void WriteAck_WithoutPayload_OnlyEnvelopeId()
    {
        var ack = SocketModeMessageReader.WriteAck(new SocketModeAck("abc", null));

        Assert.Equal("""{"envelope_id":"abc"}""", Encoding.UTF8.GetString(ack));
    }

    [Fact]
    public void WriteAck_WithPayload_PayloadWrittenAsJsonNotString()
    {
        using var body = JsonDocument.Parse("""{"response_action":"errors","errors":{"comment":"Too short"}}""");

        var ack = SocketModeMessageReader.WriteAck(new SocketModeAck("abc", body.RootElement));

        Assert.Equal("""{"envelope_id":"abc","payload":{"response_action":"errors","errors":{"comment":"Too short"}}}""", Encoding.UTF8.GetString(ack));
    }

    [Theory]
    [InlineData("events_api", CmBot.Bot.Slack.Inbound.SlackPayloadKind.Event)]
    [InlineData("interactive", CmBot.Bot.Slack.Inbound.SlackPayloadKind.Interactivity)]
    [InlineData("slash_commands", CmBot.Bot.Slack.Inbound.SlackPayloadKind.Command)]
    public void ToPayloadKind_EnvelopeType_TransportNeutralKind(string type, CmBot.Bot.Slack.Inbound.SlackPayloadKind kind) =>
        Assert.Equal(kind, SocketModeTypes.ToPayloadKind(type));
}
