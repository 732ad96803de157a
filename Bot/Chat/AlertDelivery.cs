using CmBot.Core.Routing;

namespace CmBot.Bot.Chat;

/// <summary>
/// What publishing an incident's card decided: whether routing sends its alerts, when the first alert reaches a
/// channel (after group_wait, or now) and the route timings of each (platform, channel) it goes to.
/// </summary>
public sealed record AlertDelivery(
    bool Routed,
    DateTimeOffset FirstAlertAt,
    RoutingDecision Decision,
    IReadOnlyDictionary<(string Platform, string Channel), GroupTimings> Timings,
    GroupTimings DefaultTimings)
{
    /// <summary>The timings of a channel; a channel routing does not pick (escalation only) takes the root route's.</summary>
    public GroupTimings TimingsFor(string platform, string channel) =>
        Timings.TryGetValue((platform, channel), out var timings) ? timings : DefaultTimings;
}
