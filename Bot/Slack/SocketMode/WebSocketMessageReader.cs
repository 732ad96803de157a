using System.Buffers;
using System.Net.WebSockets;

namespace CmBot.Bot.Slack.SocketMode;

/// <summary>
/// Reassembles one WebSocket message from however many frames it arrives in, into a pooled buffer that grows
/// up to a fixed limit: a peer cannot make CmBot hold more than <c>maxBytes</c> per connection.
/// </summary>
internal sealed class WebSocketMessageReader(int maxBytes) : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialSize, maxBytes));

    /// <summary>
    /// The next whole message; its bytes stay valid until the next call. A close message has
    /// <see cref="WebSocketMessage.IsClose"/> set.
    /// </summary>
    /// <exception cref="WebSocketMessageTooLargeException">The message is larger than the limit.</exception>
    public async Task<WebSocketMessage> ReadAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var length = 0;
        while (true)
        {
            // The pool may hand out more than asked for; the limit still holds.
            if (length == Math.Min(_buffer.Length, maxBytes))
            {
                Grow(length);
            }

            var window = Math.Min(_buffer.Length, maxBytes) - length;
            var result = await socket.ReceiveAsync(_buffer.AsMemory(length, window), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new WebSocketMessage(WebSocketMessageType.Close, ReadOnlyMemory<byte>.Empty);
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return new WebSocketMessage(result.MessageType, _buffer.AsMemory(0, length));
            }
        }
    }

    private void Grow(int length)
    {
        if (length >= maxBytes)
        {
            throw new WebSocketMessageTooLargeException(maxBytes);
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes, _buffer.Length * 2));
        _buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}

internal readonly record struct WebSocketMessage(WebSocketMessageType Type, ReadOnlyMemory<byte> Data)
{
    public bool IsClose => Type == WebSocketMessageType.Close;
}

/// <summary>A peer sent a message larger than CmBot accepts.</summary>
internal sealed class WebSocketMessageTooLargeException : Exception
{
    public WebSocketMessageTooLargeException()
    {
    }

    public WebSocketMessageTooLargeException(string message)
        : base(message)
    {
    }

    public WebSocketMessageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WebSocketMessageTooLargeException(int limit)
        : base($"A Socket Mode message exceeded {limit} bytes.")
    {
    }
}
