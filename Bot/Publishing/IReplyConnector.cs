using CmBot.Core.Replies;

namespace CmBot.Bot.Publishing;

/// <summary>What a connector reports after publishing: the post's id and address, and the text it reads back when the platform allows it.</summary>
public sealed record PublishedReply(string PostId, string? Url = null, string? LiveText = null);

/// <summary>Where approved replies go out: the sandbox timeline, Mastodon, a signed webhook.</summary>
public interface IReplyConnector
{
    string Name { get; }

    /// <summary>Lower goes first when several connectors can answer the same target.</summary>
    int Preference { get; }

    /// <summary>Whether this connector can answer the post at <paramref name="target"/>.</summary>
    bool CanAnswer(string target);

    /// <summary>
    /// Publishes exactly this text, at most once per <paramref name="idempotencyKey"/> (a retry after a crash must
    /// not post twice), and returns the published post.
    /// </summary>
    Task<PublishedReply> PublishAsync(Draft draft, string author, string idempotencyKey, CancellationToken cancellationToken);
}
