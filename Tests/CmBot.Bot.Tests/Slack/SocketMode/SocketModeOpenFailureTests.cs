using CmBot.Bot.Slack.Web;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>apps.connections.open failing: backoff timed on the TimeProvider, Retry-After honoured, a refused token stops.</summary>
public sealed class SocketModeOpenFailureTests
{
    private static SlackApiException Transient(TimeSpan? retryAfter = null) =>
        new("apps.connections.open", retryAfter is null ? "internal_error" : "ratelimited", permanent: false, retryAfter, "apps.connections.open failed");

    [Fact]
    public async Task OpenSocketConnection_TransientFailures_RetriesOnlyAfterEachExponentialDelay()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var time = new ObservedTimeProvider();
        await using var rig = await SocketModeRig.StartAsync(ct, configure: o =>
        {
            o.ReconnectInitialDelay = TimeSpan.FromSeconds(1);
            o.ReconnectMaxDelay = TimeSpan.FromSeconds(30);
        }, time: time, jitter: () => 0, failFirst: [Transient(), Transient()]);

        await rig.Api.NextCallAsync(ct);
        var firstWait = await time.NextTimerAsync(ct);
        time.Advance(firstWait - TimeSpan.FromMilliseconds(1));
        var callsBeforeFirstWaitEnded = rig.Api.Calls;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await rig.Api.NextCallAsync(ct);
        var secondWait = await time.NextTimerAsync(ct);
        time.Advance(secondWait - TimeSpan.FromMilliseconds(1));
        var callsBeforeSecondWaitEnded = rig.Api.Calls;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var connection = await rig.NextReadyConnectionAsync(ct);
        await connection.SendAsync(SocketModeFixtures.AppMention, ct);
        await connection.NextMessageAsync(ct);

        // Equal jitter at 0 waits half of each exponential step: 1 s then 2 s.
        Assert.Equal(TimeSpan.FromMilliseconds(500), firstWait);
        Assert.Equal(TimeSpan.FromSeconds(1), secondWait);
        Assert.Equal(1, callsBeforeFirstWaitEnded);
        Assert.Equal(2, callsBeforeSecondWaitEnded);
        Assert.Equal(3, rig.Api.Calls);
    }

    [Fact]
    public async Task OpenSocketConnection_RateLimited_WaitsRetryAfterWhenLongerThanBackoff()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var time = new ObservedTimeProvider();
        await using var rig = await SocketModeRig.StartAsync(ct, time: time, jitter: () => 0, failFirst: [Transient(TimeSpan.FromSeconds(30))]);

        await rig.Api.NextCallAsync(ct);
        var wait = await time.NextTimerAsync(ct);
        time.Advance(wait);
        var connection = await rig.NextReadyConnectionAsync(ct);
        await connection.SendAsync(SocketModeFixtures.AppMention, ct);
        await connection.NextMessageAsync(ct);

        Assert.Equal(TimeSpan.FromSeconds(30), wait);
        Assert.Equal(2, rig.Api.Calls);
    }

    [Fact]
    public async Task OpenSocketConnection_TokenRefused_StopsAndSaysWhichSettingToFix()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var refused = new SlackApiException("apps.connections.open", "invalid_auth", permanent: true, null, "invalid_auth");
        await using var rig = await SocketModeRig.StartAsync(ct, connections: 2, failFirst: [refused, refused]);

        await rig.Service.ExecuteTask!.WaitAsync(ct);

        Assert.InRange(rig.Api.Calls, 1, 2);
        Assert.Equal(0, rig.Server.Accepted);
        Assert.True(rig.Logs.Contains(LogLevel.Error, "check Slack:AppToken"));
        Assert.True(rig.Logs.Contains(LogLevel.Error, "Socket Mode stopped"));
    }

    [Fact]
    public async Task DebugReconnects_Enabled_AskedOnTheSocketUrl()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct, configure: o => o.DebugReconnects = true);

        var connection = await rig.NextReadyConnectionAsync(ct);
        await connection.SendAsync(SocketModeFixtures.AppMention, ct);
        await connection.NextMessageAsync(ct);

        Assert.Contains("debug_reconnects=true", connection.Query, StringComparison.Ordinal);
        Assert.Contains("ticket=1", connection.Query, StringComparison.Ordinal);

        // The URL's ticket lets anyone connect as the app: only its host is logged.
        Assert.Contains(rig.Logs.Lines, l => l.Text.Contains("open to 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Logs.Lines, l => l.Text.Contains("ticket=", StringComparison.Ordinal));
    }
}
