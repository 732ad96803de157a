using CmBot.Bot.Slack.Web;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.SocketMode;

/// <summary>
/// Receives Slack over Socket Mode: <c>Slack:SocketConnections</c> connections, each kept up by its own
/// <see cref="SocketModeSlot"/>, so that one being refreshed or reconnecting never leaves CmBot deaf. Several
/// connections also share the load: Slack spreads envelopes across them.
/// </summary>
internal sealed partial class SocketModeService(
    ISlackApi api,
    SocketModeEnvelopeHandler handler,
    IOptions<SlackOptions> slack,
    IOptions<SocketModeOptions> options,
    TimeProvider time,
    ILogger<SocketModeService> logger) : BackgroundService
{
    private int _connections;

    /// <summary>Jitter for the reconnect backoff; replaceable so tests can pin it.</summary>
    internal Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = slack.Value.SocketConnections;
        LogStarting(count);

        // A reason to stop (link_disabled, a refused token) holds for every connection: one slot stops them all.
        using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var slots = Enumerable.Range(1, count).Select(n => RunSlotAsync(n, stopAll)).ToArray();
        await Task.WhenAll(slots);
        LogStopped();
    }

    private async Task RunSlotAsync(int number, CancellationTokenSource stopAll)
    {
        var settings = options.Value;
        var backoff = new ReconnectBackoff(settings.ReconnectInitialDelay, settings.ReconnectMaxDelay, settings.HealthyAfter, Jitter);
        var slot = new SocketModeSlot(number, api, handler, settings, time, backoff, () => Interlocked.Increment(ref _connections), logger);
        if (await slot.RunAsync(stopAll.Token) is { } reason)
        {
            LogGivingUp(number, reason);
            await stopAll.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode: opening {Count} connections to Slack")]
    private partial void LogStarting(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode: all connections closed")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode stopped (slot {Slot}): {Reason}. CmBot receives nothing from Slack until this is fixed and CmBot restarted")]
    private partial void LogGivingUp(int slot, string reason);
}
