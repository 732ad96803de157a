using System.Text;

namespace CmBot.Core.Mentions;

/// <summary>
/// One spelling per address, so the same article shared with different tracking tails is recognised as one:
/// lower-case scheme and host, no default port, no fragment, no tracking parameters, remaining parameters sorted.
/// Redirect wrappers such as Google Alerts' <c>https://www.google.com/url?...&amp;url=</c> are unwrapped first.
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "twclid",
        "ref", "ref_src", "ref_url", "referrer", "source", "spm", "_hsenc", "_hsmi", "mkt_tok", "s_cid", "ncid", "ocid", "cmpid",
        "xtor", "at_medium", "at_campaign", "at_platform", "at_format", "at_creation", "at_link", "at_send_date", "igsh", "_ga",
    };

    /// <summary>Returns the canonical form of an absolute http(s) URL, or null when the text is not one.</summary>
    public static string? Canonicalize(string? url)
    {
        var unwrapped = Unwrap(url);
        if (unwrapped is null || !Uri.TryCreate(unwrapped.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var builder = new StringBuilder();
        builder.Append(uri.Scheme).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        var path = uri.AbsolutePath;
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path.TrimEnd('/');
        }

        builder.Append(path);
        var kept = ParseQuery(uri.Query)
            .Where(p => !IsTracking(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Raw, StringComparer.Ordinal)
            .Select(p => p.Raw)
            .ToList();
        if (kept.Count > 0)
        {
            builder.Append('?').Append(string.Join('&', kept));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The real target of a known redirect link (Google's <c>/url?url=</c> or <c>q=</c>), or the link itself.
    /// </summary>
    public static string? Unwrap(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return url;
        }

        var host = uri.Host.ToLowerInvariant();
        var isGoogle = host == "google.com" || (host.StartsWith("www.google.", StringComparison.Ordinal) || host.StartsWith("google.", StringComparison.Ordinal));
        if (!isGoogle || uri.AbsolutePath != "/url")
        {
            return url.Trim();
        }

        foreach (var name in new[] { "url", "q" })
        {
            var target = ParseQuery(uri.Query).FirstOrDefault(p => p.Name == name).Value;
            if (target is not null && Uri.TryCreate(target, UriKind.Absolute, out var inner)
                && (inner.Scheme == Uri.UriSchemeHttp || inner.Scheme == Uri.UriSchemeHttps))
            {
                return target;
            }
        }

        return url.Trim();
    }

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);

    private static IEnumerable<(string Name, string Value, string Raw)> ParseQuery(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            yield return (name, value, pair);
        }
    }
}
