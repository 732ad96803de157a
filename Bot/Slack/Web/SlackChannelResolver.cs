using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CmBot.Bot.Slack.Web;

/// <summary>
/// Turns configured channel names ("#cm-alerts") into Slack ids (C0123ABCD). chat.postMessage accepts either,
/// but chat.update and the history methods need ids. Ids learnt from posts are kept; a name never seen is looked
/// up once with conversations.list. The map is only a cache: after a restart it is learnt again.
/// </summary>
public sealed partial class SlackChannelResolver(ISlackApi api)
{
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts a direct-message address: "@U0123ABCD" is the app's DM with that user.</summary>
    public const string DirectPrefix = "@";

    public static bool IsId(string channel) => ChannelId().IsMatch(channel);

    public static bool IsDirect(string channel) => channel.StartsWith(DirectPrefix, StringComparison.Ordinal) && channel.Length > 1;

    /// <summary>Records that <paramref name="channel"/> (as configured) is <paramref name="id"/> (as Slack answered).</summary>
    public void Remember(string channel, string id)
    {
        if (!IsId(channel) && IsId(id))
        {
            _ids[channel] = id;
        }
    }

    public async Task<string> ResolveAsync(string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (IsId(channel))
        {
            return channel;
        }

        if (_ids.TryGetValue(channel, out var known))
        {
            return known;
        }

        if (IsDirect(channel))
        {
            var dm = await api.OpenConversationAsync([channel[DirectPrefix.Length..]], cancellationToken);
            _ids[channel] = dm;
            return dm;
        }

        var id = await api.FindChannelIdAsync(channel, cancellationToken)
            ?? throw new SlackApiException(SlackMethods.ConversationsList.Name, SlackErrors.ChannelNotFound, permanent: true, null,
                $"Slack channel {channel} was not found by name; use its id (C...) in Slack:Channels, or invite the app to it.");
        _ids[channel] = id;
        return id;
    }

    [GeneratedRegex("^[CGD][A-Z0-9]{8,}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelId();
}
