using System.Text.Json;
using CmBot.Bot.Slack.Inbound;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>Envelopes over a live local WebSocket: handed to the inbound handling, then acked by envelope id.</summary>
public sealed class SocketModeEnvelopeTests
{
    [Fact]
    public async Task AppMentionEnvelope_AfterHello_AcceptedAsEventThenAckedByEnvelopeId()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        var connection = await rig.NextReadyConnectionAsync(ct);

        await connection.SendAsync(SocketModeFixtures.AppMention, ct);
        var request = await rig.Inbound.NextAsync(ct);
        var ack = await connection.NextMessageAsync(ct);

        Assert.Equal(SlackPayloadKind.Event, request.Kind);
        Assert.Equal("Ev111", request.Payload.GetProperty("event_id").GetString());
        Assert.Equal("app_mention", request.Payload.GetProperty("event").GetProperty("type").GetString());
        Assert.Null(request.RetryNum);
        Assert.Null(request.RetryReason);
        Assert.Equal(SocketModeFixtures.AppMentionEnvelopeId, ack.GetProperty("envelope_id").GetString());
        Assert.False(ack.TryGetProperty("payload", out _), "an empty SlackAck is acked without a payload");
    }

    [Fact]
    public async Task Envelope_AcceptStillPersisting_AckWaitsUntilAcceptReturns()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        rig.Inbound.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = await rig.NextReadyConnectionAsync(ct);

        await connection.SendAsync(SocketModeFixtures.AppMention, ct);
        await rig.Inbound.NextAsync(ct);
        var ackedBeforeAccepted = connection.HasMessage;
        rig.Inbound.Gate.SetResult();
        var ack = await connection.NextMessageAsync(ct);

        Assert.False(ackedBeforeAccepted, "the ack must follow AcceptAsync, which persists the delivery");
        Assert.Equal(SocketModeFixtures.AppMentionEnvelopeId, ack.GetProperty("envelope_id").GetString());
    }

    [Theory]
    [InlineData("interactive", SlackPayloadKind.Interactivity)]
    [InlineData("slash_commands", SlackPayloadKind.Command)]
    public async Task Envelope_AckWithJsonBody_AckCarriesBodyAsPayload(string type, SlackPayloadKind kind)
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        const string body = """{"response_type":"ephemeral","text":"Incident #12 acknowledged by <@W111>"}""";
        rig.Inbound.Answer = _ => new SlackAck(200, body);
        var connection = await rig.NextReadyConnectionAsync(ct);
        var envelope = type == "interactive" ? SocketModeFixtures.BlockActionsEnvelope("env-1") : SocketModeFixtures.SlashCommandEnvelope("env-1");

        await connection.SendAsync(envelope, ct);
        var request = await rig.Inbound.NextAsync(ct);
        var ack = await connection.NextMessageAsync(ct);

        Assert.Equal(kind, request.Kind);
        if (kind == SlackPayloadKind.Command)
        {
            Assert.Equal("/hello-world", request.Payload.GetProperty("command").GetString());
            Assert.Equal("Hi", request.Payload.GetProperty("text").GetString());
        }
        else
        {
            Assert.Equal("block_actions", request.Payload.GetProperty("type").GetString());
            Assert.Equal("111.222.xxx", request.Payload.GetProperty("trigger_id").GetString());
        }

        Assert.Equal("env-1", ack.GetProperty("envelope_id").GetString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(body).RootElement, ack.GetProperty("payload")));
    }

    [Fact]
    public async Task Envelope_RetriedBySlack_RetryAttemptAndReasonPassedOn()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        var connection = await rig.NextReadyConnectionAsync(ct);

        await connection.SendAsync(SocketModeFixtures.AppMentionAs("env-retry", retryAttempt: 2, retryReason: "timeout"), ct);
        var request = await rig.Inbound.NextAsync(ct);

        Assert.Equal(2, request.RetryNum);
        Assert.Equal("timeout", request.RetryReason);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Envelope_InboundAnswersFailure_NotAckedSoSlackRedelivers(int status)
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        rig.Inbound.Answer = r => r.Payload.GetProperty("event_id").GetString() == "Ev111" && r.RetryNum is null ? new SlackAck(status) : SlackAck.Empty;
        var connection = await rig.NextReadyConnectionAsync(ct);

        await connection.SendAsync(SocketModeFixtures.AppMentionAs("env-failed"), ct);
        await rig.Inbound.NextAsync(ct);
        await connection.SendAsync(SocketModeFixtures.AppMentionAs("env-redelivered", retryAttempt: 1, retryReason: "timeout"), ct);
        var ack = await connection.NextMessageAsync(ct);

        Assert.Equal("env-redelivered", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(2, rig.Inbound.Count);
    }

    [Fact]
    public async Task Envelope_InboundThrows_NotAckedAndLogged()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        rig.Inbound.Answer = r => r.RetryNum is null ? throw new InvalidOperationException("database is down") : SlackAck.Empty;
        var connection = await rig.NextReadyConnectionAsync(ct);

        await connection.SendAsync(SocketModeFixtures.AppMentionAs("env-throws"), ct);
        await rig.Logs.WaitForAsync(LogLevel.Error, "accepting Event envelope env-throws failed", ct);
        await connection.SendAsync(SocketModeFixtures.AppMentionAs("env-next", retryAttempt: 1), ct);
        var ack = await connection.NextMessageAsync(ct);

        Assert.Equal("env-next", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(2, rig.Inbound.Count);
    }

    [Fact]
    public async Task Envelope_SplitAcrossManyFrames_ReassembledIntoOnePayload()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        var connection = await rig.NextReadyConnectionAsync(ct);

        await connection.SendFragmentedAsync(SocketModeFixtures.BlockActionsEnvelope("env-fragmented"), frameBytes: 64, ct);
        var request = await rig.Inbound.NextAsync(ct);
        var ack = await connection.NextMessageAsync(ct);

        Assert.Equal("save", request.Payload.GetProperty("actions")[0].GetProperty("action_id").GetString());
        Assert.Equal("env-fragmented", ack.GetProperty("envelope_id").GetString());
    }

    [Fact]
    public async Task Envelope_UnknownType_AckedWithoutCallingInbound()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        var connection = await rig.NextReadyConnectionAsync(ct);

        await connection.SendAsync(SocketModeFixtures.Envelope("env-future", "workflow_step", new System.Text.Json.Nodes.JsonObject(), acceptsResponse: false), ct);
        var ack = await connection.NextMessageAsync(ct);

        Assert.Equal("env-future", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(0, rig.Inbound.Count);
    }
}
