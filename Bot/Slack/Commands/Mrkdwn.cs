using System.Text;

namespace CmBot.Bot.Slack.Commands;

/// <summary>
/// Builds Slack mrkdwn in which every piece of text is escaped: only this builder writes markup, so a title
/// or a person's name containing <c>&lt;!channel&gt;</c> or <c>&lt;https://evil|click&gt;</c> shows as typed.
/// </summary>
public sealed class Mrkdwn
{
    private const string Ellipsis = "…";

    private readonly StringBuilder _text = new();

    /// <summary>The three characters Slack reserves for its own markup; the one escaping rule shared with cards.</summary>
    public static string Escape(string raw) => BlockKit.Mrkdwn.Escape(raw);

    /// <summary>Cuts raw text (before escaping, so no entity is split) and never in the middle of a surrogate pair.</summary>
    public static string Shorten(string raw, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (raw.Length <= maxLength)
        {
            return raw;
        }

        var cut = maxLength - Ellipsis.Length;
        if (char.IsHighSurrogate(raw[cut - 1]))
        {
            cut--;
        }

        return string.Concat(raw.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }

    public Mrkdwn Text(string raw, int maxLength = int.MaxValue)
    {
        _text.Append(Escape(Shorten(raw, maxLength)));
        return this;
    }

    public Mrkdwn Bold(string raw, int maxLength = int.MaxValue) => Wrap('*', raw, maxLength);

    public Mrkdwn Italic(string raw, int maxLength = int.MaxValue) => Wrap('_', raw, maxLength);

    /// <summary>Inline code, for what people type; a backtick inside would end the span, so it becomes a quote.</summary>
    public Mrkdwn Code(string raw) => Wrap('`', raw.Replace('`', '\''), int.MaxValue);

    public Mrkdwn Line()
    {
        _text.Append('\n');
        return this;
    }

    public bool IsEmpty => _text.Length == 0;

    public override string ToString() => _text.ToString();

    // Slack only honours *bold* when the markers touch the text, so surrounding spaces stay outside.
    private Mrkdwn Wrap(char marker, string raw, int maxLength)
    {
        var text = Shorten(raw, maxLength).Trim();
        if (text.Length > 0)
        {
            _text.Append(marker).Append(Escape(text)).Append(marker);
        }

        return this;
    }
}
