using CmBot.Core.Chat;

namespace CmBot.Bot.Chat;

/// <summary>The channels of a platform that CmBot posts to, by purpose.</summary>
public sealed record ChatChannels(string Alerts, string Legal, string Direction);

/// <summary>
/// What the outbox needs from a chat platform: post a card (optionally in a thread) and edit it in place.
/// Each platform folder (Sandbox, Slack, Teams) implements it with its own renderer and client.
/// </summary>
public interface IChatPlatform
{
    string Name { get; }

    ChatChannels Channels { get; }

    /// <summary>Posts the card and returns the platform's message id.</summary>
    Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, CancellationToken cancellationToken);

    Task UpdateCardAsync(string channel, string externalId, Card card, CancellationToken cancellationToken);
}

/// <summary>A send that failed; <see cref="Permanent"/> stops the retries, <see cref="RetryAfter"/> paces them.</summary>
public sealed class ChatDeliveryException : Exception
{
    public ChatDeliveryException()
    {
    }

    public ChatDeliveryException(string message)
        : base(message)
    {
    }

    public ChatDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChatDeliveryException(string message, bool permanent, TimeSpan? retryAfter = null)
        : base(message)
    {
        Permanent = permanent;
        RetryAfter = retryAfter;
    }

    public bool Permanent { get; }
    public TimeSpan? RetryAfter { get; }
}
