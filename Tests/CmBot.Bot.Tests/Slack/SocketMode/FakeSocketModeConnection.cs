using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>
/// The server's side of one Socket Mode WebSocket. Reading starts with the first read call, so a test can
/// leave a socket unread to play a dead peer that never answers pings.
/// </summary>
internal sealed class FakeSocketModeConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly Channel<(string Text, long Timestamp)> _received = Channel.CreateUnbounded<(string Text, long Timestamp)>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private int _reading;

    public FakeSocketModeConnection(WebSocket socket, HttpContext context, int number, string ticket, string query)
    {
        _socket = socket;
        _context = context;
        Number = number;
        Ticket = ticket;
        Query = query;
    }

    /// <summary>1 for the first WebSocket the server accepted.</summary>
    public int Number { get; }

    /// <summary>The ticket of the URL the client connected to.</summary>
    public string Ticket { get; }

    public string Query { get; }

    /// <summary>Completes when the socket is finished: closed by the client, dropped, or ended by the test.</summary>
    public Task Done => _done.Task;

    /// <summary>True once the client's close frame was seen.</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    public Task SendAsync(string json, CancellationToken cancellationToken) =>
        SendFramesAsync(Encoding.UTF8.GetBytes(json), int.MaxValue, cancellationToken);

    /// <summary>Sends one message cut into frames of <paramref name="frameBytes"/> bytes.</summary>
    public Task SendFragmentedAsync(string json, int frameBytes, CancellationToken cancellationToken) =>
        SendFramesAsync(Encoding.UTF8.GetBytes(json), frameBytes, cancellationToken);

    private async Task SendFramesAsync(byte[] bytes, int frameBytes, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += frameBytes)
            {
                var count = Math.Min(frameBytes, bytes.Length - offset);
                var last = offset + count >= bytes.Length;
                await _socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, last, cancellationToken);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next message the client sent (an ack), as JSON.</summary>
    public async Task<JsonElement> NextMessageAsync(CancellationToken cancellationToken)
    {
        var (message, _) = await NextTimedMessageAsync(cancellationToken);
        return message;
    }

    /// <summary>The next message and when it arrived (<see cref="System.Diagnostics.Stopwatch"/> timestamp), for load runs.</summary>
    public async Task<(JsonElement Message, long ReceivedAt)> NextTimedMessageAsync(CancellationToken cancellationToken)
    {
        StartReading();
        var (text, timestamp) = await _received.Reader.ReadAsync(cancellationToken);
        using var document = JsonDocument.Parse(text);
        return (document.RootElement.Clone(), timestamp);
    }

    /// <summary>True when a message from the client is waiting to be read.</summary>
    public bool HasMessage
    {
        get
        {
            StartReading();
            return _received.Reader.Count > 0;
        }
    }

    /// <summary>The close status the client sent, or null if the socket ended without a close frame.</summary>
    public Task<WebSocketCloseStatus?> ClosedAsync(CancellationToken cancellationToken)
    {
        StartReading();
        return _closed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Cuts the TCP connection without a close frame, as a network failure would.</summary>
    public void Drop()
    {
        _context.Abort();
        _closed.TrySetResult(null);
        _done.TrySetResult();
    }

    /// <summary>Starts reading (and so answering pings and closes), if not already.</summary>
    public void StartReading()
    {
        if (Interlocked.Exchange(ref _reading, 1) == 0)
        {
            _ = ReadAsync();
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var status = _socket.CloseStatus;
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    _closed.TrySetResult(status);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _received.Writer.TryWrite((Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), System.Diagnostics.Stopwatch.GetTimestamp()));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _received.Writer.TryComplete();
            _done.TrySetResult();
        }
    }

    public void Dispose()
    {
        _done.TrySetResult();
        _closed.TrySetResult(null);
    }
}
