using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>Connections over their lifetime: refreshes without a gap, drops, dead sockets, several connections, shutdown.</summary>
public sealed class SocketModeReconnectTests
{
    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task Disconnect_RefreshRequested_ReplacementReadyBeforeOldClosedAndNoEnvelopeLost(string reason)
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        var old = await rig.NextReadyConnectionAsync(ct);

        await old.SendAsync(SocketModeFixtures.Disconnect(reason), ct);
        await old.SendAsync(SocketModeFixtures.AppMentionAs("env-during-switch"), ct);
        var replacement = await rig.Server.NextConnectionAsync(ct);
        var duringSwitchAck = await old.NextMessageAsync(ct);
        var oldClosedBeforeHello = old.IsClosed;
        await replacement.SendAsync(SocketModeFixtures.Hello, ct);
        var oldClose = await old.ClosedAsync(ct);
        await replacement.SendAsync(SocketModeFixtures.AppMentionAs("env-after-switch"), ct);
        var afterSwitchAck = await replacement.NextMessageAsync(ct);

        Assert.Equal(2, rig.Api.Calls);
        Assert.NotEqual(old.Ticket, replacement.Ticket);
        Assert.Equal("env-during-switch", duringSwitchAck.GetProperty("envelope_id").GetString());
        Assert.False(oldClosedBeforeHello, "the old connection stays open until the replacement said hello");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, oldClose);
        Assert.Equal("env-after-switch", afterSwitchAck.GetProperty("envelope_id").GetString());
        Assert.Equal(2, rig.Inbound.Count);
    }

    [Fact]
    public async Task Refresh_EnvelopeArrivesWhileOldConnectionCloses_InFlightAckedLateOneLeftForRedelivery()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        rig.Inbound.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var old = await rig.NextReadyConnectionAsync(ct);
        await old.SendAsync(SocketModeFixtures.AppMentionAs("env-in-flight"), ct);
        await rig.Inbound.NextAsync(ct);

        await old.SendAsync(SocketModeFixtures.Disconnect("refresh_requested"), ct);
        await rig.NextReadyConnectionAsync(ct);
        await rig.Logs.WaitForAsync(LogLevel.Debug, "connection 1: closing", ct);
        await old.SendAsync(SocketModeFixtures.AppMentionAs("env-too-late"), ct);
        await rig.Logs.WaitForAsync(LogLevel.Warning, "env-too-late", ct);
        rig.Inbound.Gate.SetResult();
        var ack = await old.NextMessageAsync(ct);
        var close = await old.ClosedAsync(ct);

        Assert.Equal("env-in-flight", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
        Assert.False(old.HasMessage, "the late envelope is neither accepted nor acked: Slack delivers it again");
        Assert.Equal(1, rig.Inbound.Count);
    }

    [Fact]
    public async Task Disconnect_WarningThenRefreshRequested_OneReplacementOnly()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        var old = await rig.NextReadyConnectionAsync(ct);

        await old.SendAsync(SocketModeFixtures.Disconnect("warning"), ct);
        await old.SendAsync(SocketModeFixtures.Disconnect("refresh_requested"), ct);
        var replacement = await rig.NextReadyConnectionAsync(ct);
        await old.ClosedAsync(ct);
        await replacement.SendAsync(SocketModeFixtures.AppMention, ct);
        await replacement.NextMessageAsync(ct);

        Assert.Equal(2, rig.Api.Calls);
        Assert.Equal(2, rig.Server.Accepted);
        Assert.False(rig.Server.HasPendingConnection);
    }

    [Fact]
    public async Task ServerDropsTcp_ClientReconnectsWithNewUrlAndKeepsWorking()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        var first = await rig.NextReadyConnectionAsync(ct);
        await first.SendAsync(SocketModeFixtures.AppMentionAs("env-before-drop"), ct);
        await first.NextMessageAsync(ct);

        first.Drop();
        var second = await rig.NextReadyConnectionAsync(ct);
        await second.SendAsync(SocketModeFixtures.AppMentionAs("env-after-drop"), ct);
        var ack = await second.NextMessageAsync(ct);

        Assert.Equal("env-after-drop", ack.GetProperty("envelope_id").GetString());
        Assert.Equal(2, rig.Api.Calls);
        Assert.Equal("2", second.Ticket);
        Assert.True(rig.Logs.Contains(LogLevel.Information, "reconnecting in"), "a drop is followed by a backoff");
    }

    [Fact]
    public async Task ServerDropsTcpRepeatedly_EachTimeReconnects()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);

        for (var i = 0; i < 4; i++)
        {
            var connection = await rig.NextReadyConnectionAsync(ct);
            connection.Drop();
        }

        var last = await rig.NextReadyConnectionAsync(ct);
        await last.SendAsync(SocketModeFixtures.AppMention, ct);
        await last.NextMessageAsync(ct);

        Assert.Equal(5, rig.Api.Calls);
        Assert.True(rig.Logs.Contains(LogLevel.Information, "failure 4 in a row"), "short-lived connections keep the backoff growing");
    }

    [Fact]
    public async Task DisconnectTooManyWebsockets_ClosesNormallyAndReconnectsAfterBackoff()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        var first = await rig.NextReadyConnectionAsync(ct);

        await first.SendAsync(SocketModeFixtures.TooManyWebsockets, ct);
        var close = await first.ClosedAsync(ct);
        var second = await rig.NextReadyConnectionAsync(ct);
        await second.SendAsync(SocketModeFixtures.AppMention, ct);
        await second.NextMessageAsync(ct);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
        Assert.Equal(2, rig.Api.Calls);
        Assert.True(rig.Logs.Contains(LogLevel.Information, "too_many_websockets"));
    }

    [Fact]
    public async Task DisconnectLinkDisabled_StopsAllConnectionsAndLogsError()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct, connections: 2);
        var first = await rig.NextReadyConnectionAsync(ct);
        var second = await rig.NextReadyConnectionAsync(ct);

        await first.SendAsync(SocketModeFixtures.Disconnect("link_disabled"), ct);
        var firstClose = await first.ClosedAsync(ct);
        var secondClose = await second.ClosedAsync(ct);
        await rig.Service.ExecuteTask!.WaitAsync(ct);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, firstClose);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, secondClose);
        Assert.Equal(2, rig.Api.Calls);
        Assert.True(rig.Logs.Contains(LogLevel.Error, "link_disabled"));
    }

    [Fact]
    public async Task DeadSocket_PingsUnanswered_DetectedAndReplaced()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct, configure: o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
            o.MissedKeepAlives = 3;
        });

        // The server says hello and then never reads again: pings go unanswered, like a half-open TCP connection.
        var silent = await rig.NextReadyConnectionAsync(ct);
        var next = await rig.NextReadyConnectionAsync(ct);
        await next.SendAsync(SocketModeFixtures.AppMention, ct);
        var ack = await next.NextMessageAsync(ct);

        Assert.Equal(SocketModeFixtures.AppMentionEnvelopeId, ack.GetProperty("envelope_id").GetString());
        Assert.Equal(2, rig.Api.Calls);
        Assert.True(rig.Logs.Contains(LogLevel.Warning, $"connection {silent.Number} lost (dead: keep-alive ping unanswered"));
    }

    [Fact]
    public async Task NoHello_HelloTimeout_GivesUpAndConnectsAgain()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct, configure: o => o.HelloTimeout = TimeSpan.FromMilliseconds(300));

        var mute = await rig.Server.NextConnectionAsync(ct);
        var muteEnded = await mute.ClosedAsync(ct);
        var next = await rig.NextReadyConnectionAsync(ct);
        await next.SendAsync(SocketModeFixtures.AppMention, ct);
        await next.NextMessageAsync(ct);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, muteEnded);
        Assert.Equal(2, rig.Api.Calls);
        Assert.True(rig.Logs.Contains(LogLevel.Warning, "did not become ready"));
    }

    [Fact]
    public async Task MessageTooLarge_ConnectionReplacedAndNextOneWorks()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct, configure: o => o.MaxMessageBytes = 4096);
        var first = await rig.NextReadyConnectionAsync(ct);

        var huge = SocketModeFixtures.Envelope("env-huge", "events_api", new System.Text.Json.Nodes.JsonObject { ["text"] = new string('x', 10_000) }, acceptsResponse: false);
        await first.SendFragmentedAsync(huge, frameBytes: 1000, ct);
        var second = await rig.NextReadyConnectionAsync(ct);
        await second.SendAsync(SocketModeFixtures.AppMention, ct);
        await second.NextMessageAsync(ct);

        Assert.Equal(1, rig.Inbound.Count);
        Assert.True(rig.Logs.Contains(LogLevel.Error, "exceeded 4096 bytes"));
    }

    [Fact]
    public async Task SocketConnections2_TwoConnectionsOpenAndEachAcksItsOwnEnvelopes()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct, connections: 2);

        var a = await rig.NextReadyConnectionAsync(ct);
        var b = await rig.NextReadyConnectionAsync(ct);
        await a.SendAsync(SocketModeFixtures.AppMentionAs("env-a"), ct);
        await b.SendAsync(SocketModeFixtures.AppMentionAs("env-b"), ct);
        var ackA = await a.NextMessageAsync(ct);
        var ackB = await b.NextMessageAsync(ct);

        Assert.Equal(2, rig.Api.Calls);
        Assert.NotEqual(a.Ticket, b.Ticket);
        Assert.Equal("env-a", ackA.GetProperty("envelope_id").GetString());
        Assert.Equal("env-b", ackB.GetProperty("envelope_id").GetString());
        Assert.False(a.IsClosed || b.IsClosed);
    }

    [Fact]
    public async Task Shutdown_StopAsync_ClosesEverySocketWithNormalClosure()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var rig = await SocketModeRig.StartAsync(ct, connections: 2);
        await using (rig)
        {
            var a = await rig.NextReadyConnectionAsync(ct);
            var b = await rig.NextReadyConnectionAsync(ct);

            // An acked envelope proves each connection got past hello.
            await a.SendAsync(SocketModeFixtures.AppMentionAs("env-a"), ct);
            await b.SendAsync(SocketModeFixtures.AppMentionAs("env-b"), ct);
            await a.NextMessageAsync(ct);
            await b.NextMessageAsync(ct);
            var closeA = a.ClosedAsync(ct);
            var closeB = b.ClosedAsync(ct);

            await rig.Service.StopAsync(ct);

            Assert.Equal(WebSocketCloseStatus.NormalClosure, await closeA);
            Assert.Equal(WebSocketCloseStatus.NormalClosure, await closeB);
            Assert.True(rig.Service.ExecuteTask!.IsCompletedSuccessfully);
            Assert.True(rig.Logs.Contains(LogLevel.Information, "all connections closed"));
        }
    }

    [Fact]
    public async Task Shutdown_EnvelopeBeingAccepted_AckedBeforeSocketCloses()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct);
        rig.Inbound.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = await rig.NextReadyConnectionAsync(ct);
        await connection.SendAsync(SocketModeFixtures.AppMention, ct);
        await rig.Inbound.NextAsync(ct);

        var stopping = rig.Service.StopAsync(ct);
        rig.Inbound.Gate.SetResult();
        var ack = await connection.NextMessageAsync(ct);
        await stopping;

        Assert.Equal(SocketModeFixtures.AppMentionEnvelopeId, ack.GetProperty("envelope_id").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.ClosedAsync(ct));
    }
}
