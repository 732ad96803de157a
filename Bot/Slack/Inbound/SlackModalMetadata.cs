namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// What a CmBot modal remembers in its private_metadata: the draft id first, then where the click came from (so a
/// refusal can be shown there) and the start of the text's SHA-256 the person was shown (so an approval is not given
/// to a text edited meanwhile). A bare draft id is accepted too.
/// </summary>
public sealed record SlackModalMetadata(string TargetId, string? Channel = null, string? MessageTs = null, string? ThreadTs = null, string? TextSha256 = null)
{
    private const char Separator = '|';

    public string Format() => string.Join(Separator, TargetId, Channel, MessageTs, ThreadTs, TextSha256);

    public static SlackModalMetadata? Parse(string? privateMetadata)
    {
        if (string.IsNullOrWhiteSpace(privateMetadata))
        {
            return null;
        }

        var parts = privateMetadata.Split(Separator);
        return string.IsNullOrWhiteSpace(parts[0])
            ? null
            : new SlackModalMetadata(parts[0].Trim(), Part(parts, 1), Part(parts, 2), Part(parts, 3), Part(parts, 4));
    }

    private static string? Part(string[] parts, int index) => parts.Length > index && parts[index].Length > 0 ? parts[index] : null;
}
