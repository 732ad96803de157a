using CmBot.Core.Replies;

namespace CmBot.Bot.Publishing;

/// <summary>Where approved replies go out (the sandbox timeline now; Mastodon, webhooks later).</summary>
public interface IReplyConnector
{
    string Name { get; }

    /// <summary>Publishes exactly this text and returns the published post's id.</summary>
    Task<string> PublishAsync(Draft draft, string author, CancellationToken cancellationToken);
}
