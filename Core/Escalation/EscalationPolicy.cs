using CmBot.Core.Incidents;
using CmBot.Core.People;

namespace CmBot.Core.Escalation;

/// <summary>What a step notifies: a logical channel (alerts, legal, direction), a person, everyone with a role, or whoever is on call.</summary>
public enum TargetKind
{
    Channel,
    Person,
    Role,
    OnCall,
}

public sealed record EscalationTarget(TargetKind Kind, string Value);

/// <summary>Who a target means at a given time: a logical channel key or a person id (reached by direct message).</summary>
public sealed record Recipient(bool IsChannel, string Id);

/// <summary>A step fires <see cref="After"/> the incident opened (plus the cycle offset when the policy repeats).</summary>
public sealed record EscalationStep(TimeSpan After, IReadOnlyList<EscalationTarget> Notify);

/// <summary>
/// An escalation policy as it is frozen onto an incident when it opens: ordered steps, how often the whole ladder
/// repeats while nobody acknowledges, and the reminders sent while an acknowledged incident stays unresolved.
/// The rotations its on-call targets name are carried along, so a later config change does not alter it.
/// </summary>
public sealed record EscalationPolicy(
    string Name,
    IReadOnlyList<EscalationStep> Steps,
    int Repeat,
    TimeSpan RepeatAfter,
    TimeSpan? RemindEvery,
    int MaxReminders,
    IReadOnlyList<EscalationTarget> RemindTargets,
    IReadOnlyList<OnCallRotation> Rotations)
{
    /// <summary>Steps across all repetitions: the ladder fires at most this many times.</summary>
    public int TotalSteps => Steps.Count * (1 + Repeat);

    /// <summary>
    /// Who is on call at <paramref name="at"/> for this policy: the person of the first rotation its ladder names
    /// (in step order), or null when it names none.
    /// </summary>
    public string? OnCallAt(DateTimeOffset at) =>
        Steps.SelectMany(s => s.Notify)
            .Where(t => t.Kind == TargetKind.OnCall)
            .Select(t => Rotations.FirstOrDefault(r => r.Name == t.Value)?.WhoAt(at))
            .FirstOrDefault(p => p is not null);

    /// <summary>The channel keys and person ids a target means at <paramref name="at"/>, without duplicates.</summary>
    public IReadOnlyList<Recipient> Resolve(IEnumerable<EscalationTarget> targets, DateTimeOffset at, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(people);
        var result = new List<Recipient>();
        foreach (var target in targets)
        {
            IEnumerable<Recipient> found = target.Kind switch
            {
                TargetKind.Channel => [new Recipient(true, target.Value)],
                TargetKind.Person => [new Recipient(false, target.Value)],
                TargetKind.Role => people.All.Where(p => p.Roles.Any(r => RoleNames.Key(r) == target.Value)).OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new Recipient(false, p.Id)),
                _ => Rotations.FirstOrDefault(r => r.Name == target.Value)?.WhoAt(at) is { } onCall ? [new Recipient(false, onCall)] : [],
            };
            result.AddRange(found.Where(r => !result.Contains(r)));
        }

        return result;
    }
}

/// <summary>Which policy applies to a severity: always, or only in or out of business hours.</summary>
public enum PolicyHours
{
    Always,
    BusinessHours,
    OffHours,
}

public sealed record PolicyRule(Severity Severity, PolicyHours Hours, EscalationPolicy Policy);

/// <summary>All policies of escalation.yaml; picks the one to freeze onto a new incident.</summary>
public sealed class EscalationPolicySet(IReadOnlyList<PolicyRule> rules, BusinessHours? businessHours)
{
    public IReadOnlyList<PolicyRule> Rules { get; } = rules;

    public BusinessHours? BusinessHours { get; } = businessHours;

    /// <summary>The first rule for the severity whose hours match the opening time; null when none (no escalation).</summary>
    public EscalationPolicy? For(Severity severity, DateTimeOffset openedAt)
    {
        var inHours = BusinessHours?.Contains(openedAt) ?? true;
        return Rules.FirstOrDefault(r => r.Severity == severity && r.Hours switch
        {
            PolicyHours.BusinessHours => inHours,
            PolicyHours.OffHours => !inHours,
            _ => true,
        })?.Policy;
    }
}
