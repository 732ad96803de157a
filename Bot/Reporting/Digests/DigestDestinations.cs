using CmBot.Bot.Chat;
using CmBot.Core.People;

namespace CmBot.Bot.Reporting.Digests;

/// <summary>
/// Where a digest audience lands on one platform: the team channel, the leads' channel (else alerts), legal,
/// direction, or the CEO's direct messages (else the direction channel).
/// </summary>
public static class DigestDestinations
{
    public static IReadOnlyList<string> For(string audience, IChatPlatform platform, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(people);
        var channels = platform.Channels;
        switch (audience)
        {
            case DigestAudiences.Leads:
                return [channels.For(ChatChannels.LeadsKey) ?? channels.Alerts];
            case DigestAudiences.Legal:
                return [channels.Legal];
            case DigestAudiences.Direction:
                return [channels.Direction];
            case DigestAudiences.Ceo:
                var direct = people.All.Where(p => p.Has(Role.Ceo)).OrderBy(p => p.Id, StringComparer.Ordinal)
                    .Select(platform.DirectChannelFor).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                return direct.Count > 0 ? direct : [channels.Direction];
            default:
                return [channels.Alerts];
        }
    }

    /// <summary>What start-up should warn about: audiences that fall back to another channel on a platform.</summary>
    public static IEnumerable<string> Fallbacks(IEnumerable<DigestSchedule> schedules, IEnumerable<IChatPlatform> platforms, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(platforms);
        ArgumentNullException.ThrowIfNull(people);
        foreach (var schedule in schedules)
        {
            foreach (var platform in platforms)
            {
                if (schedule.Channel == DigestAudiences.Leads && platform.Channels.For(ChatChannels.LeadsKey) is null)
                {
                    yield return $"digest '{schedule.Name}' is for the leads but {platform.Name} has no leads channel (Slack:Channels:Leads, Teams:Channels:Leads); it goes to the alerts channel";
                }

                if (schedule.Channel == DigestAudiences.Ceo && !people.All.Any(p => p.Has(Role.Ceo) && platform.DirectChannelFor(p) is not null))
                {
                    yield return $"digest '{schedule.Name}' is for the CEO but nobody with the ceo role can be messaged directly on {platform.Name}; it goes to the direction channel";
                }
            }
        }
    }
}
