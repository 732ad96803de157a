namespace CmBot.Bot.Feeds.Sources;

/// <summary>The source types <c>Feeds:Sources:&lt;name&gt;:Type</c> accepts.</summary>
public static class SourceTypes
{
    public const string Rss = "rss";
    public const string Mastodon = "mastodon";
    public const string Bluesky = "bluesky";
    public const string HackerNews = "hackernews";
    public const string Reddit = "reddit";
    public const string X = "x";
    public const string File = "file";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [Rss, Mastodon, Bluesky, HackerNews, Reddit, X, File, Webhook];
}

/// <summary>
/// One entry of <c>Feeds:Sources</c>. Which keys are needed depends on <see cref="Type"/>; see
/// <see cref="FeedSourcesConfiguration.Validate"/>.
/// </summary>
public sealed class FeedSourceOptions
{
    public string Type { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    /// <summary>Feed URL (rss), or the API's base address (mastodon instance, Bluesky AppView, Algolia, Reddit, X).</summary>
    public string? Url { get; set; }

    /// <summary>Search words (bluesky, hackernews, reddit, x, mastodon search) or hashtag without '#' (mastodon <see cref="Tag"/>).</summary>
    public string? Query { get; set; }

    /// <summary>Mastodon hashtag timeline to follow (instead of a search).</summary>
    public string? Tag { get; set; }

    /// <summary>Mastodon: read the account's mention notifications (<c>/api/v1/notifications?types[]=mention</c>, needs <see cref="Token"/>).</summary>
    public bool Notifications { get; set; }

    /// <summary>Bearer token (mastodon optional, x required; webhook: the bearer token callers send).</summary>
    public string? Token { get; set; }

    /// <summary>Webhook HMAC-SHA256 secret (signature header <c>X-CmBot-Signature: sha256=&lt;hex&gt;</c>).</summary>
    public string? Secret { get; set; }

    /// <summary>File replay: a .jsonl or .csv file, relative to the content root.</summary>
    public string? Path { get; set; }

    public int IntervalSeconds { get; set; } = 300;

    /// <summary>Largest document accepted, in bytes; larger answers are refused and reported.</summary>
    public int MaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>At most this many items are taken from one fetch.</summary>
    public int MaxItems { get; set; } = 100;

    /// <summary>
    /// Catch-up bound for the paged APIs (mastodon, hackernews): when a poll answers a full page, up to this many
    /// pages are read in that poll; what is left is read by the next polls, from where this one stopped.
    /// </summary>
    public int MaxPages { get; set; } = DefaultMaxPages;

    public const int DefaultMaxPages = 5;

    /// <summary>Language to assume when the source does not say (fr or en); empty lets triage guess.</summary>
    public string? Language { get; set; }
}
