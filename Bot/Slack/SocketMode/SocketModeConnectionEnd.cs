using System.Net.WebSockets;

namespace CmBot.Bot.Slack.SocketMode;

/// <summary>Why a connection stopped receiving.</summary>
internal sealed record SocketModeConnectionEnd(string Why, WebSocketCloseStatus? CloseStatus, Exception? Error);

/// <summary>A connection that never became ready; <see cref="Reason"/> is Slack's disconnect reason, if it gave one.</summary>
internal sealed class SocketModeOpenException : Exception
{
    public SocketModeOpenException()
    {
    }

    public SocketModeOpenException(string message)
        : base(message)
    {
    }

    public SocketModeOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SocketModeOpenException(string? reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public string? Reason { get; }
}
