using System.Net;
using System.Text;

namespace CmBot.Core.Mentions;

/// <summary>Turns the HTML that feeds and APIs deliver into the plain text people read.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "table", "section", "article",
    };

    /// <summary>
    /// Drops tags (and the content of script/style), decodes entities (also double-escaped ones such as
    /// <c>&amp;amp;nbsp;</c>), and collapses white space.
    /// </summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        // Feeds often escape HTML twice (Google Alerts: "&amp;#39;"); decode once before stripping tags.
        var text = html.Contains("&lt;", StringComparison.Ordinal) || html.Contains("&amp;", StringComparison.Ordinal)
            ? WebUtility.HtmlDecode(html)
            : html;
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] is '/' or '!' or '?'))
            {
                var end = text.IndexOf('>', i + 1);
                if (end < 0)
                {
                    break;
                }

                var tag = TagName(text.AsSpan(i + 1, end - i - 1));
                if (tag is "script" or "style")
                {
                    var close = text.IndexOf($"</{tag}", end, StringComparison.OrdinalIgnoreCase);
                    end = close < 0 ? text.Length - 1 : Math.Max(end, text.IndexOf('>', close) is var e and >= 0 ? e : text.Length - 1);
                }

                if (BlockTags.Contains(tag))
                {
                    builder.Append('\n');
                }

                i = end + 1;
                continue;
            }

            builder.Append(c);
            i++;
        }

        return CollapseWhiteSpace(WebUtility.HtmlDecode(builder.ToString()));
    }

    private static string TagName(ReadOnlySpan<char> inside)
    {
        inside = inside.TrimStart('/');
        var length = 0;
        while (length < inside.Length && char.IsLetterOrDigit(inside[length]))
        {
            length++;
        }

        return inside[..length].ToString().ToLowerInvariant();
    }

    private static string CollapseWhiteSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
