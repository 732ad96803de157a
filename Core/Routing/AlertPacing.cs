using CmBot.Core.Incidents;

namespace CmBot.Core.Routing;

/// <summary>
/// The route timings applied to CmBot's one live message per incident, as Alertmanager applies them to its groups:
/// <list type="bullet">
/// <item><b>group_wait</b>: an incident's first post in a channel waits this long after it was first queued, so the
/// card shows the first mentions together and a short-lived blip can be dismissed before anyone is paged; a P1 goes
/// at once, and an incident that becomes P1 while held is released at once.</item>
/// <item><b>group_interval</b>: notes in the incident's thread (mention milestones) are spaced by at least this
/// long; a newer note replaces one still waiting, so a burst leaves a few notes. A severity raise is never held.
/// The card itself is always edited in place at once (an edit notifies nobody).</item>
/// <item><b>repeat_interval</b>: an incident still open and unacknowledged this long after its last notification
/// in a channel gets a "still open" note there.</item>
/// </list>
/// Pure: the caller passes the times.
/// </summary>
public static class AlertPacing
{
    /// <summary>
    /// The timings for one logical channel key: the tightest of the routes that send the alert there (or
    /// <paramref name="fallback"/> when no route does, e.g. a channel that only escalation posts to).
    /// </summary>
    public static GroupTimings TimingsFor(RoutingDecision decision, string channelKey, GroupTimings fallback)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(fallback);
        var routes = decision.Receivers
            .Where(r => r.Receiver.Channels.Contains(channelKey, StringComparer.Ordinal))
            .Select(r => r.Route.Timings)
            .ToList();
        return routes.Count == 0 ? fallback : routes.Aggregate(Tightest);
    }

    /// <summary>The tighter of two timings, field by field (two keys that land in one chat channel).</summary>
    public static GroupTimings Tightest(GroupTimings a, GroupTimings b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new GroupTimings(Min(a.GroupWait, b.GroupWait), Min(a.GroupInterval, b.GroupInterval), Min(a.RepeatInterval, b.RepeatInterval));
    }

    /// <summary>Until when an incident's first post in a channel is held, or null to send it now.</summary>
    /// <param name="firstQueuedAt">When the incident's card was first queued for that channel (now if never).</param>
    public static DateTimeOffset? HoldFirstPost(GroupTimings timings, Severity severity, DateTimeOffset firstQueuedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var release = firstQueuedAt + timings.WaitFor(severity);
        return release > now ? release : null;
    }

    /// <summary>Until when a thread note is held so that notes are at least group_interval apart, or null to send it now.</summary>
    /// <param name="lastNoteAt">When the previous note of this incident in this channel was (or is) due; null if none.</param>
    /// <param name="lastIsWaiting">The previous note is still held: this one replaces it and keeps its turn.</param>
    /// <param name="urgent">A severity raise: never held.</param>
    public static DateTimeOffset? HoldNote(GroupTimings timings, DateTimeOffset? lastNoteAt, bool lastIsWaiting, bool urgent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timings);
        if (urgent || lastNoteAt is not { } last)
        {
            return null;
        }

        var release = lastIsWaiting ? last : last + timings.GroupInterval;
        return release > now ? release : null;
    }

    /// <summary>
    /// When the next "still open" note is due in a channel: repeat_interval after its last notification there.
    /// Null when the incident no longer needs one (acknowledged, resolved, dismissed) or repeats are off (zero).
    /// </summary>
    public static DateTimeOffset? NextRepeat(GroupTimings timings, IncidentStatus status, DateTimeOffset lastNotifiedAt)
    {
        ArgumentNullException.ThrowIfNull(timings);
        return status == IncidentStatus.Open && timings.RepeatInterval > TimeSpan.Zero ? lastNotifiedAt + timings.RepeatInterval : null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
