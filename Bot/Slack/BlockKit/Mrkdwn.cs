using System.Text;

namespace CmBot.Bot.Slack.BlockKit;

/// <summary>
/// Slack's mrkdwn, made safe for text CmBot did not write. Slack reads <c>&lt;...&gt;</c> as mentions, links and
/// commands (<c>&lt;!channel&gt;</c>), so every user string is escaped (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, the three
/// characters Slack asks to escape) before CmBot adds its own markup around it.
/// </summary>
public static class Mrkdwn
{
    public const string Ellipsis = "…";

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>A link Slack renders as <paramref name="label"/>; only http(s) URLs become links, anything else stays text.</summary>
    public static string Link(string url, string label)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(label);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{Escape(label)}: {Escape(url)}";
        }

        // '|' would end the URL part early; the label may not contain markup either.
        var safeUrl = Escape(uri.AbsoluteUri).Replace("|", "%7C", StringComparison.Ordinal);
        return $"<{safeUrl}|{Escape(label).Replace("|", "¦", StringComparison.Ordinal)}>";
    }

    /// <summary>
    /// Shortens already-escaped mrkdwn to <paramref name="max"/> characters, ending with "…" and
    /// <paramref name="suffix"/> (a link to the full text). Never cuts an entity (<c>&amp;amp;</c>) or a surrogate pair.
    /// </summary>
    public static string Truncate(string escaped, int max, string? suffix = null)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        if (escaped.Length <= max)
        {
            return escaped;
        }

        var tail = suffix is null ? Ellipsis : $"{Ellipsis} {suffix}";
        var cut = Math.Max(0, max - tail.Length);
        var amp = cut == 0 ? -1 : escaped.LastIndexOf('&', cut - 1);
        if (amp >= 0 && cut - amp < "&amp;".Length && escaped.IndexOf(';', amp) is var semicolon && (semicolon < 0 || semicolon >= cut))
        {
            // The cut falls inside an entity: cut before it rather than leave "&am".
            cut = amp;
        }

        return SafeCut(escaped, cut) + tail;
    }

    /// <summary>Shortens plain text (no markup) to <paramref name="max"/> characters, ending with "…".</summary>
    public static string TruncatePlain(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : SafeCut(text, max - Ellipsis.Length) + Ellipsis;
    }

    private static string SafeCut(string text, int length)
    {
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }
}
