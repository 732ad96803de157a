using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources;

/// <summary>Where a source stopped last time: its own cursor and the validators of the last HTTP answer.</summary>
public sealed record SourcePosition(string? Cursor, string? ETag, string? LastModified)
{
    public static readonly SourcePosition Start = new(null, null, null);
}

/// <summary>
/// What one fetch brought: the new mentions (oldest first) and where to continue. <see cref="NotModified"/>
/// means the server answered 304 and nothing was parsed.
/// </summary>
public sealed record SourceFetch(IReadOnlyList<MentionInput> Mentions, SourcePosition Next, bool NotModified = false, int Skipped = 0);

/// <summary>
/// One listening source (RSS/Atom, Mastodon, Bluesky, Hacker News, Reddit, X, file). Polled by
/// <see cref="Jobs.SourcePollJob"/> with the position persisted after the previous fetch; throwing
/// <see cref="SourceException"/> (or an HTTP/IO error) marks the source as failing and it is retried with backoff.
/// </summary>
public interface IMentionSource
{
    /// <summary>The configured name (<c>Feeds:Sources:&lt;name&gt;</c>), also the mentions' source.</summary>
    string Name { get; }

    Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken);
}

/// <summary>A source answered something unusable (bad status, malformed document); the message says what.</summary>
public sealed class SourceException : Exception
{
    public SourceException()
    {
    }

    public SourceException(string message)
        : base(message)
    {
    }

    public SourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
