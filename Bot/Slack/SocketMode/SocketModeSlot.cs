using CmBot.Bot.Slack.Web;

namespace CmBot.Bot.Slack.SocketMode;

/// <summary>
/// Keeps one Socket Mode connection up for as long as CmBot runs. A routine refresh (<c>warning</c>,
/// <c>refresh_requested</c>) opens the replacement before closing the old socket, so there is no moment without
/// a connection; a drop, an error or <c>too_many_websockets</c> reconnects after a backoff; <c>link_disabled</c>
/// and a refused app token stop the slot, since retrying cannot help.
/// </summary>
internal sealed partial class SocketModeSlot(
    int number,
    ISlackApi api,
    SocketModeEnvelopeHandler handler,
    SocketModeOptions options,
    TimeProvider time,
    ReconnectBackoff backoff,
    Func<int> nextConnectionId,
    ILogger logger)
{
    private const string DebugReconnectsQuery = "debug_reconnects=true";

    /// <summary>Runs until <paramref name="stoppingToken"/> fires; returns why it stopped if it had to stop early.</summary>
    public async Task<string?> RunAsync(CancellationToken stoppingToken)
    {
        SocketModeConnection? current = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (current is null)
                {
                    var opened = await OpenAsync(stoppingToken);
                    if (opened.Fatal is not null)
                    {
                        return opened.Fatal;
                    }

                    if (opened.Connection is null)
                    {
                        await BackOffAsync(opened.RetryAfter, stoppingToken);
                        continue;
                    }

                    current = opened.Connection;
                    backoff.Connected(current.ReadyAt);
                }

                var first = await Task.WhenAny(current.DisconnectRequested, current.Ended).WaitAsync(stoppingToken);
                if (first != current.DisconnectRequested)
                {
                    var end = await current.Ended;
                    LogLost(end.Error, number, current.Id, end.Why, end.CloseStatus?.ToString());
                    await current.DisposeAsync();
                    current = null;
                    await BackOffAsync(null, stoppingToken);
                    continue;
                }

                var reason = (await current.DisconnectRequested).Reason;
                if (reason == SocketModeDisconnectReasons.LinkDisabled)
                {
                    return "Socket Mode was turned off in the Slack app's settings (link_disabled)";
                }

                if (SocketModeDisconnectReasons.IsRefresh(reason))
                {
                    current = await ReplaceAsync(current, stoppingToken);
                    if (current is null)
                    {
                        await BackOffAsync(null, stoppingToken);
                    }

                    continue;
                }

                // too_many_websockets, or a reason this version does not know: back off rather than stampede.
                await current.CloseAsync("disconnect requested");
                await current.DisposeAsync();
                current = null;
                await BackOffAsync(null, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (FatalSocketModeException ex)
        {
            return ex.Message;
        }
        finally
        {
            if (current is not null)
            {
                await current.CloseAsync("CmBot is stopping");
                await current.DisposeAsync();
            }
        }

        return null;
    }

    /// <summary>Opens the new connection while the old one still receives, then closes the old one.</summary>
    private async Task<SocketModeConnection?> ReplaceAsync(SocketModeConnection old, CancellationToken stoppingToken)
    {
        var opened = await OpenAsync(stoppingToken);
        if (opened.Fatal is not null)
        {
            throw new FatalSocketModeException(opened.Fatal);
        }

        if (opened.Connection is { } replacement)
        {
            backoff.Connected(replacement.ReadyAt);
        }

        await old.CloseAsync("refresh");
        await old.DisposeAsync();
        LogReplaced(number, old.Id, opened.Connection?.Id);
        return opened.Connection;
    }

    private async Task<OpenResult> OpenAsync(CancellationToken cancellationToken)
    {
        Uri url;
        try
        {
            url = await api.OpenSocketConnectionAsync(cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Permanent)
        {
            LogOpenRefused(ex, number, ex.Error);
            return new OpenResult(null, null, $"apps.connections.open refused the app token ({ex.Error})");
        }
        catch (SlackApiException ex)
        {
            LogOpenFailed(ex, number, ex.Error);
            return new OpenResult(null, ex.RetryAfter, null);
        }
        catch (HttpRequestException ex)
        {
            LogOpenFailed(ex, number, "http");
            return new OpenResult(null, null, null);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogOpenFailed(ex, number, "timeout");
            return new OpenResult(null, null, null);
        }

        if (options.DebugReconnects)
        {
            url = new UriBuilder(url) { Query = url.Query.Length > 1 ? $"{url.Query[1..]}&{DebugReconnectsQuery}" : DebugReconnectsQuery }.Uri;
        }

        var id = nextConnectionId();
        try
        {
            var connection = await SocketModeConnection.OpenAsync(url, id, handler, options, time, logger, cancellationToken);
            LogOpened(number, id, url.Host);
            return new OpenResult(connection, null, null);
        }
        catch (SocketModeOpenException ex) when (ex.Reason == SocketModeDisconnectReasons.LinkDisabled)
        {
            return new OpenResult(null, null, "Socket Mode was turned off in the Slack app's settings (link_disabled)");
        }
        catch (SocketModeOpenException ex)
        {
            LogConnectFailed(ex, number, id, url.Host);
            return new OpenResult(null, null, null);
        }
    }

    private async Task BackOffAsync(TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var delay = backoff.NextDelay(time.GetUtcNow());
        if (retryAfter > delay)
        {
            delay = retryAfter.Value;
        }

        LogBackingOff(number, delay.TotalMilliseconds, backoff.Failures);
        await Task.Delay(delay, time, cancellationToken);
    }

    private sealed record OpenResult(SocketModeConnection? Connection, TimeSpan? RetryAfter, string? Fatal);

    /// <summary>Carries a reason to stop out of a nested step; never leaves this class.</summary>
    private sealed class FatalSocketModeException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode slot {Slot}: connection {Connection} open to {Host}")]
    private partial void LogOpened(int slot, int connection, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode slot {Slot}: connection {Old} replaced by {New} without a gap")]
    private partial void LogReplaced(int slot, int old, int? @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode slot {Slot}: connection {Connection} lost ({Why}, close status {CloseStatus})")]
    private partial void LogLost(Exception? exception, int slot, int connection, string why, string? closeStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode slot {Slot}: apps.connections.open failed ({Error}); will retry")]
    private partial void LogOpenFailed(Exception exception, int slot, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode slot {Slot}: apps.connections.open refused ({Error}); check Slack:AppToken (an xapp- token with connections:write)")]
    private partial void LogOpenRefused(Exception exception, int slot, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode slot {Slot}: connection {Connection} to {Host} did not become ready")]
    private partial void LogConnectFailed(Exception exception, int slot, int connection, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode slot {Slot}: reconnecting in {DelayMs:0} ms (failure {Failures} in a row)")]
    private partial void LogBackingOff(int slot, double delayMs, int failures);
}
