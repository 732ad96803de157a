using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Reporting;

namespace CmBot.Core.Approvals;

/// <summary>
/// How long an approval step may wait for a given severity (approvals.yaml <c>deadlines</c>): a reminder to the
/// approvers at <see cref="RemindAt"/> of the time, and when late, a deputy — a person id or a role — who may sign.
/// With <see cref="Hours"/>, the time only runs in business hours (a request sent on Friday evening with two hours to
/// wait is due on Monday morning); without, it runs around the clock.
/// </summary>
public sealed record ApprovalDeadline(TimeSpan Within, double RemindAt, string Deputy, BusinessHours? Hours = null)
{
    /// <summary>When the reminder and the deadline fall for a step opened at <paramref name="stepOpenedAt"/>.</summary>
    public (DateTimeOffset RemindAt, DateTimeOffset DueAt) Times(DateTimeOffset stepOpenedAt) =>
        Hours is null
            ? (stepOpenedAt + (Within * RemindAt), stepOpenedAt + Within)
            : (Hours.AddWorkingTime(stepOpenedAt, Within * RemindAt), Hours.AddWorkingTime(stepOpenedAt, Within));

    public ApprovalTimer StateAt(DateTimeOffset stepOpenedAt, DateTimeOffset now)
    {
        var (remind, due) = Times(stepOpenedAt);
        return now >= due ? ApprovalTimer.Late : now >= remind ? ApprovalTimer.RemindersDue : ApprovalTimer.OnTime;
    }

    /// <summary>Whether <paramref name="person"/> is the deputy: named by id, or holding the named role.</summary>
    public bool IsDeputy(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return string.Equals(person.Id, Deputy, StringComparison.OrdinalIgnoreCase)
            || person.Roles.Any(r => string.Equals(RoleNames.Key(r), Deputy, StringComparison.OrdinalIgnoreCase));
    }
}

public enum ApprovalTimer
{
    OnTime,
    RemindersDue,
    Late,
}

/// <summary>The deadlines by severity; a severity without one has no deadline.</summary>
public sealed class ApprovalDeadlines(IReadOnlyDictionary<Severity, ApprovalDeadline> bySeverity)
{
    public static ApprovalDeadlines None { get; } = new(new Dictionary<Severity, ApprovalDeadline>());

    public IReadOnlyDictionary<Severity, ApprovalDeadline> BySeverity { get; } = bySeverity;

    public ApprovalDeadline? For(Severity severity) => BySeverity.GetValueOrDefault(severity);
}
