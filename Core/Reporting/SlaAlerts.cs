using CmBot.Core.Incidents;

namespace CmBot.Core.Reporting;

/// <summary>The points on an incident's response clock where CmBot speaks up; stored by name, so keep them stable.</summary>
public enum SlaThreshold
{
    /// <summary>Half of the target used: a reminder to the owner.</summary>
    Half = 50,

    /// <summary>Three quarters used: a louder reminder.</summary>
    ThreeQuarters = 75,

    /// <summary>The target passed without an acknowledgement: escalated to the leads.</summary>
    Breach = 100,
}

/// <summary>
/// What to do for one incident now: the threshold to announce (the highest one reached and not yet recorded) and
/// the lower ones to record without a message (passed while CmBot was down: one message says it all).
/// </summary>
public sealed record SlaAlertDue(SlaThreshold Announce, IReadOnlyList<SlaThreshold> RecordSilently, SlaVerdict Verdict, DateTimeOffset ReachedAt);

/// <summary>
/// Decides which SLA warnings are due, from the severity's target and business hours (<see cref="SlaPolicy"/>):
/// an open, unacknowledged incident warns at 50% and 75% of its target and escalates at 100%, each once.
/// </summary>
public static class SlaAlertPlanner
{
    private static readonly SlaThreshold[] Ascending = [SlaThreshold.Half, SlaThreshold.ThreeQuarters, SlaThreshold.Breach];

    /// <summary>The instant the incident reaches <paramref name="threshold"/> of its target, or null without a target.</summary>
    public static DateTimeOffset? ReachedAt(SlaPolicy policy, IncidentFact incident, SlaThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(incident);
        return policy.For(incident.Severity) is { } target
            ? target.Hours.AddWorkingTime(incident.OpenedAt, target.Target * ((int)threshold / 100.0))
            : null;
    }

    /// <summary>Null when nothing is due (no target, acknowledged, closed, or every reached threshold recorded).</summary>
    public static SlaAlertDue? Due(SlaPolicy policy, IncidentFact incident, DateTimeOffset now, IReadOnlySet<SlaThreshold> recorded)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(recorded);
        if (incident.Status != IncidentStatus.Open || incident.AcknowledgedAt is not null || policy.Evaluate(incident, now) is not { } verdict)
        {
            return null;
        }

        var reached = Ascending.Where(t => ReachedAt(policy, incident, t) is { } at && at <= now).ToList();
        if (reached.Count == 0 || recorded.Contains(reached[^1]))
        {
            return null;
        }

        var announce = reached[^1];
        return new SlaAlertDue(announce, [.. reached.Where(t => t != announce && !recorded.Contains(t))], verdict, ReachedAt(policy, incident, announce)!.Value);
    }

    /// <summary>The next instant any open incident among <paramref name="incidents"/> reaches a threshold not yet recorded.</summary>
    public static DateTimeOffset? NextDue(SlaPolicy policy, IEnumerable<(IncidentFact Incident, IReadOnlySet<SlaThreshold> Recorded)> incidents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        return incidents
            .Where(i => i.Incident.Status == IncidentStatus.Open && i.Incident.AcknowledgedAt is null)
            .SelectMany(i => Ascending.Where(t => !i.Recorded.Contains(t)).Select(t => ReachedAt(policy, i.Incident, t)))
            .Where(at => at is { } a && a > now)
            .Min();
    }
}
