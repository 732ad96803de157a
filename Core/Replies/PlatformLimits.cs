namespace CmBot.Core.Replies;

/// <summary>How long a public reply may be where it is published, known from the address it answers.</summary>
public static class PlatformLimits
{
    private static readonly (string Host, int Max)[] Known =
    [
        ("x.com", 280), ("twitter.com", 280), ("bsky.app", 300), ("threads.net", 500), ("threads.com", 500),
        ("instagram.com", 2200), ("linkedin.com", 1250), ("facebook.com", 8000), ("youtube.com", 10000),
        ("reddit.com", 10000), ("news.ycombinator.com", 10000),
    ];

    /// <summary>Mastodon's default limit, used for any other fediverse-looking address (/@user/123).</summary>
    public const int Mastodon = 500;

    /// <summary>The limit in characters for a reply to <paramref name="target"/>, or null when unknown.</summary>
    public static int? ForTarget(string? target)
    {
        if (string.IsNullOrWhiteSpace(target) || !Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        foreach (var (known, max) in Known)
        {
            if (host.Equals(known, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + known, StringComparison.OrdinalIgnoreCase))
            {
                return max;
            }
        }

        return uri.AbsolutePath.StartsWith("/@", StringComparison.Ordinal) ? Mastodon : null;
    }
}
