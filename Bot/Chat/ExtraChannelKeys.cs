namespace CmBot.Bot.Chat;

/// <summary>
/// Reads the channels a platform maps beyond alerts, legal and direction (e.g. <c>Slack:Channels:Crisis</c>), so
/// routing.yaml's receivers can name them; keys are lower-cased as routing.yaml writes them.
/// </summary>
public static class ExtraChannelKeys
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase) { ChatChannels.AlertsKey, ChatChannels.LegalKey, ChatChannels.DirectionKey };

    public static Dictionary<string, string> Read(IConfigurationSection channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return channels.GetChildren()
            .Where(c => !Known.Contains(c.Key) && !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key.ToLowerInvariant(), c => c.Value!.Trim(), StringComparer.Ordinal);
    }
}
