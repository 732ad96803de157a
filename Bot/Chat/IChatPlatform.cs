using CmBot.Core.Chat;
using CmBot.Core.People;

namespace CmBot.Bot.Chat;

/// <summary>
/// The channels of a platform that CmBot posts to, by logical key (the receivers of routing.yaml name these keys):
/// <c>alerts</c>, <c>legal</c>, <c>direction</c>, plus any other key the platform maps in <see cref="Others"/>.
/// </summary>
public sealed record ChatChannels(string Alerts, string Legal, string Direction)
{
    public const string AlertsKey = "alerts";
    public const string LegalKey = "legal";
    public const string DirectionKey = "direction";

    /// <summary>The team leads' channel, mapped in <see cref="Others"/> when a platform has one.</summary>
    public const string LeadsKey = "leads";

    /// <summary>Channels for further keys (e.g. <c>crisis</c>), by key.</summary>
    public IReadOnlyDictionary<string, string> Others { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The channel mapped to a logical key, or null when this platform does not map it.</summary>
    public string? For(string key) => key switch
    {
        AlertsKey => Alerts,
        LegalKey => Legal,
        DirectionKey => Direction,
        _ => Others.TryGetValue(key, out var channel) && !string.IsNullOrWhiteSpace(channel) ? channel : null,
    };

    /// <summary>Equal when every key maps to the same channel (the extra keys compared by content).</summary>
    public bool Equals(ChatChannels? other) =>
        other is not null && Alerts == other.Alerts && Legal == other.Legal && Direction == other.Direction
        && Others.Count == other.Others.Count && Others.All(o => other.Others.TryGetValue(o.Key, out var v) && v == o.Value);

    public override int GetHashCode() => HashCode.Combine(Alerts, Legal, Direction, Others.Count);
}

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

    /// <summary>
    /// Posts the card on behalf of an outbox row. Platforms that can tag a message and look it up again (Slack's
    /// message metadata) use <paramref name="origin"/> to adopt a message a crashed sender already posted instead of
    /// posting it twice; the others simply post.
    /// </summary>
    Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, ChatSendOrigin origin, CancellationToken cancellationToken) =>
        PostCardAsync(channel, card, threadExternalId, cancellationToken);

    /// <summary>
    /// The channel that reaches <paramref name="person"/> by direct message on this platform, or null when people.yaml
    /// gives them no identity here. The outbox posts and edits there like in any channel.
    /// </summary>
    string? DirectChannelFor(Person person) => null;
}

/// <summary>
/// The outbox row a post comes from: its idempotency key, when it was queued, and what the last try left behind.
/// <see cref="ClaimedBeforeWithoutResult"/> means a sender died between claim and result, so the platform may
/// already have the message; <see cref="LastError"/> is what the previous attempt reported (a platform may have
/// written there that the outcome was unknown).
/// </summary>
public sealed record ChatSendOrigin(string IdempotencyKey, DateTimeOffset QueuedAt, bool ClaimedBeforeWithoutResult, string? LastError);

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
