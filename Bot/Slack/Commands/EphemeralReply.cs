using System.Text.Json.Nodes;

namespace CmBot.Bot.Slack.Commands;

/// <summary>
/// An answer only the person who typed the command sees:
/// <c>{"response_type":"ephemeral","text":fallback,"blocks":[...]}</c>. Text comes only as <see cref="Mrkdwn"/>,
/// so nothing unescaped can reach a block.
/// </summary>
public sealed class EphemeralReply
{
    /// <summary>Slack's limits: 50 blocks per message, 3000 characters per text object.</summary>
    public const int MaxBlocks = 50;

    public const int MaxText = 3000;

    private readonly JsonArray _blocks = [];
    private string? _fallback;

    public int BlockCount => _blocks.Count;

    public EphemeralReply Section(Mrkdwn text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = Limit(text.ToString());
        _fallback ??= value;
        return Add(new JsonObject { ["type"] = "section", ["text"] = TextObject(value) });
    }

    /// <summary>Small grey text under a section (the reason of an incident, a hint).</summary>
    public EphemeralReply Context(Mrkdwn text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(TextObject(Limit(text.ToString()))) });
    }

    public EphemeralReply Divider() => Add(new JsonObject { ["type"] = "divider" });

    public JsonObject ToJson() => new()
    {
        ["response_type"] = "ephemeral",
        ["text"] = _fallback ?? string.Empty,
        ["blocks"] = _blocks.DeepClone(),
    };

    // verbatim: Slack would otherwise turn bare URLs and channel names in people's text into links.
    private static JsonObject TextObject(string mrkdwn) => new() { ["type"] = "mrkdwn", ["text"] = mrkdwn, ["verbatim"] = true };

    private EphemeralReply Add(JsonObject block)
    {
        // Callers stay far below the limit; dropping beats a message Slack rejects whole.
        if (_blocks.Count < MaxBlocks)
        {
            _blocks.Add(block);
        }

        return this;
    }

    /// <summary>Last line of defence for the 3000-character limit: cuts before any entity it would split.</summary>
    private static string Limit(string mrkdwn)
    {
        if (mrkdwn.Length == 0)
        {
            return " ";
        }

        if (mrkdwn.Length <= MaxText)
        {
            return mrkdwn;
        }

        var cut = MaxText - 1;
        var amp = mrkdwn.LastIndexOf('&', cut - 1, 5);
        if (amp >= 0 && mrkdwn.IndexOf(';', amp, cut - amp) < 0)
        {
            cut = amp;
        }

        if (char.IsHighSurrogate(mrkdwn[cut - 1]))
        {
            cut--;
        }

        return string.Concat(mrkdwn.AsSpan(0, cut), "…");
    }
}
