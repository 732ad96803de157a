using System.Text.RegularExpressions;

namespace CmBot.Bot.Feeds.Sources.Paging;

/// <summary>Reads an RFC 8288 <c>Link</c> header (<c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="prev"</c>), as Mastodon sends.</summary>
public static partial class LinkHeader
{
    /// <summary>
    /// The target of relation <paramref name="rel"/>, only when it is on the same origin (scheme, host, port) as
    /// <paramref name="origin"/>: a bearer token is never sent to another host named by an answer.
    /// </summary>
    public static Uri? Find(string? header, string rel, Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        foreach (Match match in Entry().Matches(header))
        {
            var rels = match.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rels.Contains(rel, StringComparer.OrdinalIgnoreCase)
                && Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var target)
                && Uri.Compare(target, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return target;
            }
        }

        return null;
    }

    [GeneratedRegex("""<(?<url>[^>]*)>[^,<]*?;\s*rel="?(?<rel>[^";,]+)"?""", RegexOptions.CultureInvariant)]
    private static partial Regex Entry();
}
