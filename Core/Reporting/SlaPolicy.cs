using CmBot.Core.Incidents;

namespace CmBot.Core.Reporting;

/// <summary>How close an incident is to its response target.</summary>
public enum SlaState
{
    /// <summary>Less than half the target used.</summary>
    Ok,

    /// <summary>At least 50% of the target used.</summary>
    Warning50,

    /// <summary>At least 75% of the target used.</summary>
    Warning75,

    /// <summary>The target passed without an acknowledgement.</summary>
    Breached,
}

/// <summary>A response (acknowledgement) target for one severity, and the hours its clock runs in.</summary>
public sealed record SlaTarget(Severity Severity, TimeSpan Target, BusinessHours Hours);

/// <summary>Where one incident stands against its target, at a given instant or at its acknowledgement.</summary>
public sealed record SlaVerdict(Guid IncidentId, int Number, Severity Severity, TimeSpan Used, TimeSpan Target, double Fraction, SlaState State, bool Acknowledged, DateTimeOffset DueAt);

/// <summary>Response targets per severity (like service desks: warnings at 50% and 75%, breach at 100%).</summary>
public sealed class SlaPolicy
{
    public const double FirstWarning = 0.5;
    public const double SecondWarning = 0.75;

    private readonly Dictionary<Severity, SlaTarget> _targets;

    public SlaPolicy(IEnumerable<SlaTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _targets = [];
        foreach (var target in targets)
        {
            if (target.Target <= TimeSpan.Zero)
            {
                throw new ArgumentException($"The SLA target for {target.Severity} must be positive.", nameof(targets));
            }

            if (!_targets.TryAdd(target.Severity, target))
            {
                throw new ArgumentException($"The SLA target for {target.Severity} is given twice.", nameof(targets));
            }
        }
    }

    public IReadOnlyCollection<SlaTarget> Targets => _targets.Values;

    public SlaTarget? For(Severity severity) => _targets.GetValueOrDefault(severity);

    /// <summary>
    /// The incident's standing: the working time from opening to acknowledgement (or to <paramref name="now"/>
    /// while unacknowledged) against its severity's target; null when that severity has no target.
    /// </summary>
    public SlaVerdict? Evaluate(IncidentFact incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (For(incident.Severity) is not { } target)
        {
            return null;
        }

        var stop = incident.AcknowledgedAt is { } ack && ack < now ? ack : now;
        var used = target.Hours.Elapsed(incident.OpenedAt, stop);
        var fraction = used / target.Target;
        var state = fraction switch
        {
            >= 1 => SlaState.Breached,
            >= SecondWarning => SlaState.Warning75,
            >= FirstWarning => SlaState.Warning50,
            _ => SlaState.Ok,
        };
        return new SlaVerdict(
            incident.Id, incident.Number, incident.Severity, used, target.Target, fraction, state,
            incident.AcknowledgedAt is { } a && a <= now, target.Hours.AddWorkingTime(incident.OpenedAt, target.Target));
    }
}
