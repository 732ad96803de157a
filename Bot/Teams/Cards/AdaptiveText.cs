using System.Text;

namespace CmBot.Bot.Teams.Cards;

/// <summary>
/// Makes user text safe for Adaptive Card TextBlocks and FactSets, which render a markdown subset (emphasis,
/// links, lists): every character markdown gives a meaning is backslash-escaped, so a mention that says
/// <c>[click](http://evil)</c> or <c>**URGENT**</c> shows as written.
/// </summary>
public static class AdaptiveText
{
    private const string Significant = "\\`*_{}[]()<>#+-.!|~";

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c == '\r')
            {
                continue;
            }

            if (Significant.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Cuts <paramref name="text"/> to <paramref name="maxChars"/> (on a word boundary when one is near), escapes it,
    /// and when something was cut, ends it with an ellipsis and a link to the full text if there is one.
    /// </summary>
    public static string EscapeTruncated(string text, int maxChars, CardLinkTarget? more)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxChars)
        {
            return Escape(text);
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, maxChars - 1), Math.Min(maxChars, 40));
        var kept = text[..(cut > 0 ? cut : maxChars)].TrimEnd();
        var link = more is null ? string.Empty : $" [{Escape(more.Label)}]({more.EscapedUrl})";
        return $"{Escape(kept)}…{link}";
    }
}

/// <summary>A link a truncated text points to (the source post), with its URL made safe for markdown.</summary>
public sealed record CardLinkTarget(string Label, string EscapedUrl)
{
    /// <summary>Only absolute http(s) URLs are linked; parentheses and spaces are percent-encoded so the link cannot break out.</summary>
    public static CardLinkTarget? From(string label, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var safe = uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            .Replace(" ", "%20", StringComparison.Ordinal);
        return new CardLinkTarget(label, safe);
    }
}
