using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace CmBot.Bot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: opens it, waits for Slack's <c>hello</c>, then reads messages until the socket ends,
/// handing envelopes to <see cref="SocketModeEnvelopeHandler"/> (a bounded number at once) and sending their acks.
/// A <c>disconnect</c> message is only reported: the owner decides when to close, so that a replacement can be
/// opened first. Dead sockets are found by WebSocket keep-alive: a ping not answered in time aborts the socket.
/// </summary>
internal sealed partial class SocketModeConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SocketModeEnvelopeHandler _handler;
    private readonly SocketModeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly SemaphoreSlim _handling;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource<SocketModeHello> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SocketModeDisconnect> _disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private Task<SocketModeConnectionEnd> _receiving = Task.FromResult(new SocketModeConnectionEnd("never opened", null, null));
    private long _nextEnvelope;
    private int _closing;
    private bool _outputClosed;

    private SocketModeConnection(int id, SocketModeEnvelopeHandler handler, SocketModeOptions options, TimeProvider time, ILogger logger)
    {
        Id = id;
        _handler = handler;
        _options = options;
        _time = time;
        _logger = logger;
        _handling = new SemaphoreSlim(options.MaxConcurrentEnvelopes, options.MaxConcurrentEnvelopes);
    }

    /// <summary>A number for logs, unique within this process.</summary>
    public int Id { get; }

    /// <summary>When Slack said hello.</summary>
    public DateTimeOffset ReadyAt { get; private set; }

    /// <summary>Completes when Slack announces it will close this connection (the first announcement only).</summary>
    public Task<SocketModeDisconnect> DisconnectRequested => _disconnect.Task;

    /// <summary>Completes when the socket can no longer receive: closed, dropped or aborted.</summary>
    public Task<SocketModeConnectionEnd> Ended => _receiving;

    /// <summary>Connects and waits for <c>hello</c>.</summary>
    /// <exception cref="SocketModeOpenException">Slack refused or closed the connection, or said nothing in time.</exception>
    public static async Task<SocketModeConnection> OpenAsync(
        Uri url, int id, SocketModeEnvelopeHandler handler, SocketModeOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        var connection = new SocketModeConnection(id, handler, options, time, logger);
        try
        {
            await connection.ConnectAsync(url, cancellationToken);
            return connection;
        }
        catch
        {
            // Even a connection that never became ready is closed politely when the socket allows it.
            await connection.CloseAsync("not ready");
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        _socket.Options.KeepAliveTimeout = _options.KeepAliveTimeout;
        using var timeout = new CancellationTokenSource(_options.HelloTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _socket.ConnectAsync(url, linked.Token);
            _receiving = ReceiveAsync();
            var first = await Task.WhenAny(_hello.Task, _disconnect.Task, _receiving).WaitAsync(linked.Token);

            // Hello may be followed at once by a disconnect; whichever continuation ran first, the hello counts
            // (the owner then sees the disconnect and acts on it).
            if (_hello.Task.IsCompleted)
            {
                return;
            }

            if (first == _disconnect.Task)
            {
                var reason = _disconnect.Task.Result.Reason;
                throw new SocketModeOpenException(reason, $"Slack disconnected Socket Mode connection {Id} before hello ({reason}).");
            }

            var end = await _receiving;
            throw new SocketModeOpenException(null, $"Socket Mode connection {Id} ended before hello ({end.Why}).", end.Error);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SocketModeOpenException(null, $"Socket Mode connection {Id}: no hello within {_options.HelloTimeout.TotalSeconds:0.###} s.");
        }
        catch (Exception ex) when (ex is WebSocketException or ArgumentException)
        {
            // ArgumentException: a URL ClientWebSocket cannot use (not ws:// or wss://).
            throw new SocketModeOpenException(null, $"Socket Mode connection {Id} could not be opened: {ex.Message}", ex);
        }
    }

    private async Task<SocketModeConnectionEnd> ReceiveAsync()
    {
        // Off the caller's stack: the loop lives as long as the socket.
        await Task.Yield();
        using var reader = new WebSocketMessageReader(_options.MaxMessageBytes);
        try
        {
            while (true)
            {
                var message = await reader.ReadAsync(_socket, _abort.Token);
                if (message.IsClose)
                {
                    return new SocketModeConnectionEnd(Volatile.Read(ref _outputClosed) ? "closed" : "closed by Slack", _socket.CloseStatus, null);
                }

                if (message.Type == WebSocketMessageType.Text)
                {
                    await DispatchAsync(message.Data);
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            return new SocketModeConnectionEnd("aborted", null, null);
        }
        catch (OperationCanceledException ex)
        {
            // Not our cancellation: the WebSocket aborted itself because a keep-alive ping went unanswered.
            return new SocketModeConnectionEnd("dead: keep-alive ping unanswered", null, ex);
        }
        catch (WebSocketMessageTooLargeException ex)
        {
            LogTooLarge(Id, _options.MaxMessageBytes);
            return new SocketModeConnectionEnd("message too large", null, ex);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // A dropped TCP connection, or a keep-alive ping left unanswered (a dead socket).
            return new SocketModeConnectionEnd("dropped", null, ex);
        }
#pragma warning disable CA1031 // The loop must end with a reason, never fault: the slot reconnects on any end.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new SocketModeConnectionEnd("failed", null, ex);
        }
    }

    private async Task DispatchAsync(ReadOnlyMemory<byte> utf8)
    {
        SocketModeMessage message;
        try
        {
            message = SocketModeMessageReader.Read(utf8);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            // One bad message is ignored (an envelope among them goes unacked, so Slack sends it again).
            LogMalformed(ex, Id);
            return;
        }

        switch (message)
        {
            case SocketModeHello hello:
                ReadyAt = _time.GetUtcNow();
                LogHello(Id, hello.NumConnections, hello.DebugInfo?.Host, hello.DebugInfo?.ApproximateConnectionTime);
                _hello.TrySetResult(hello);
                break;
            case SocketModeDisconnect disconnect:
                LogDisconnect(Id, disconnect.Reason, disconnect.DebugInfo?.Host);
                _disconnect.TrySetResult(disconnect);
                break;
            case SocketModeEnvelope envelope:
                await StartHandlingAsync(envelope);
                break;
            case SocketModeUnknownMessage unknown:
                LogUnknown(Id, unknown.Type);
                break;
        }
    }

    private async Task StartHandlingAsync(SocketModeEnvelope envelope)
    {
        // Registered before the closing check: CloseAsync then either waits for this envelope or sees it skipped.
        var key = Interlocked.Increment(ref _nextEnvelope);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight[key] = done.Task;
        var started = false;
        try
        {
            if (Interlocked.CompareExchange(ref _closing, 0, 0) == 1)
            {
                // It could not be acked: better left to Slack's redelivery than done without Slack knowing.
                LogSkippedWhileClosing(Id, envelope.EnvelopeId, envelope.Type);
                return;
            }

            // Back-pressure: reading waits while too many envelopes are being handled.
            await _handling.WaitAsync(_abort.Token);
            started = true;
            _ = HandleAsync(envelope, key, done);
        }
        finally
        {
            if (!started)
            {
                _inFlight.TryRemove(key, out _);
                done.TrySetResult();
            }
        }
    }

    private async Task HandleAsync(SocketModeEnvelope envelope, long key, TaskCompletionSource done)
    {
        await Task.Yield();
        try
        {
            var ack = await _handler.HandleAsync(envelope, Id, _abort.Token);
            if (ack is not null)
            {
                await SendAckAsync(ack, envelope.EnvelopeId);
            }
        }
        catch (OperationCanceledException)
        {
            LogAckNotSent(null, Id, envelope.EnvelopeId);
        }
        finally
        {
            _handling.Release();
            _inFlight.TryRemove(key, out _);
            done.TrySetResult();
        }
    }

    private async Task SendAckAsync(byte[] ack, string envelopeId)
    {
        await _sendLock.WaitAsync(_abort.Token);
        try
        {
            if (Volatile.Read(ref _outputClosed))
            {
                LogAckNotSent(null, Id, envelopeId);
                return;
            }

            await _socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Accepted but not acked: Slack delivers it again and the inbound handling de-duplicates it.
            LogAckNotSent(ex, Id, envelopeId);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Closes gracefully: stops taking envelopes, lets those in progress be acked, sends a normal close and waits
    /// (bounded) for Slack's close in return.
    /// </summary>
    public async Task CloseAsync(string description)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        LogClosing(Id, description);
        await DrainAsync();
        await _sendLock.WaitAsync(CancellationToken.None);
        try
        {
            Volatile.Write(ref _outputClosed, true);
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogCloseFailed(ex, Id);
        }
        finally
        {
            _sendLock.Release();
        }

        try
        {
            await _receiving.WaitAsync(_options.CloseTimeout, _time);
        }
        catch (TimeoutException)
        {
            // Slack does not always answer a close; the socket is aborted on dispose.
            LogNoCloseReply(Id);
        }
    }

    private async Task DrainAsync()
    {
        var pending = _inFlight.Values.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(_options.DrainTimeout, _time);
        }
        catch (TimeoutException)
        {
            LogDrainTimedOut(Id, _inFlight.Count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _closing, 1);
        await DrainAsync();
        await _abort.CancelAsync();
        _socket.Abort();
        await ((Task)_receiving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Handlers see the cancellation; wait for them so nothing touches what is disposed below.
        await Task.WhenAll(_inFlight.Values.ToArray()).WaitAsync(_options.CloseTimeout, _time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _abort.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection {Connection} ready (Slack counts {NumConnections} connections; host {Host}; refresh in about {ApproximateSeconds} s)")]
    private partial void LogHello(int connection, int? numConnections, string? host, int? approximateSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: Slack will disconnect ({Reason}, host {Host})")]
    private partial void LogDisconnect(int connection, string? reason, string? host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: a message is not valid JSON; ignored")]
    private partial void LogMalformed(Exception exception, int connection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: message of type {Type} ignored")]
    private partial void LogUnknown(int connection, string? type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode connection {Connection}: a message exceeded {Limit} bytes; the connection is replaced")]
    private partial void LogTooLarge(int connection, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: envelope {EnvelopeId} ({Type}) arrived while closing; left for Slack to deliver again")]
    private partial void LogSkippedWhileClosing(int connection, string envelopeId, string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: ack for envelope {EnvelopeId} not sent; Slack will deliver it again")]
    private partial void LogAckNotSent(Exception? exception, int connection, string envelopeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: closing ({Description})")]
    private partial void LogClosing(int connection, string description);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: close frame not sent")]
    private partial void LogCloseFailed(Exception exception, int connection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: Slack did not answer the close; aborting")]
    private partial void LogNoCloseReply(int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: {Pending} envelopes still in progress when closing")]
    private partial void LogDrainTimedOut(int connection, int pending);
}
