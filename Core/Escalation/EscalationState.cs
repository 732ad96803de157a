using CmBot.Core.Common;
using CmBot.Core.Incidents;

namespace CmBot.Core.Escalation;

public enum NoticeKind
{
    /// <summary>A step of the ladder while nobody has acknowledged.</summary>
    Step,

    /// <summary>A reminder while an acknowledged incident stays unresolved.</summary>
    Reminder,
}

/// <summary>The next notification of an incident: which one (kind and sequence number, unique per incident), when, and to whom.</summary>
public sealed record PlannedNotice(NoticeKind Kind, int Sequence, DateTimeOffset DueAt, IReadOnlyList<EscalationTarget> Targets, int StepIndex);

/// <summary>
/// Where an incident's escalation stands: the frozen policy (as the storage layer serialised it), when the ladder
/// started, how far it went and how snoozes and "escalate now" moved it. Steps fire in order, so progress is a
/// counter; the storage layer also records each fired notice under a unique key so none fires twice.
/// </summary>
public sealed class EscalationState
{
    private EscalationState()
    {
        PolicyName = PolicyJson = string.Empty;
    }

    public Guid IncidentId { get; private set; }
    public string PolicyName { get; private set; }

    /// <summary>The policy frozen at opening, serialised by the storage layer.</summary>
    public string PolicyJson { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>How far snoozes (later) and "escalate now" (earlier) moved the remaining steps.</summary>
    public TimeSpan StepShift { get; private set; }

    public TimeSpan ReminderShift { get; private set; }
    public int StepsFired { get; private set; }
    public int RemindersFired { get; private set; }
    public DateTimeOffset? SnoozedUntil { get; private set; }

    /// <summary>Bumped when the ladder starts over (reopened, or a stricter policy replaced the frozen one); fired notices are unique per generation.</summary>
    public int Generation { get; private set; }

    public int Version { get; private set; }

    public static EscalationState Start(Guid incidentId, string policyName, string policyJson, DateTimeOffset startedAt) => new()
    {
        IncidentId = incidentId,
        PolicyName = policyName,
        PolicyJson = policyJson,
        StartedAt = startedAt,
    };

    /// <summary>The next notice to send, or null when there is nothing left (closed, ladder done, reminders done).</summary>
    public PlannedNotice? Next(EscalationPolicy policy, IncidentStatus status, DateTimeOffset? acknowledgedAt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (status == IncidentStatus.Open && StepsFired < policy.TotalSteps && policy.Steps.Count > 0)
        {
            var cycle = StepsFired / policy.Steps.Count;
            var index = StepsFired % policy.Steps.Count;
            var step = policy.Steps[index];
            var due = StartedAt + StepShift + (cycle * policy.RepeatAfter) + step.After;
            return new PlannedNotice(NoticeKind.Step, StepsFired, due, step.Notify, index);
        }

        if (status == IncidentStatus.Acknowledged && acknowledgedAt is { } ack && policy.RemindEvery is { } every && RemindersFired < policy.MaxReminders)
        {
            var due = ack + ReminderShift + ((RemindersFired + 1) * every);
            return new PlannedNotice(NoticeKind.Reminder, RemindersFired, due, policy.RemindTargets, -1);
        }

        return null;
    }

    /// <summary>Records that <paramref name="notice"/> was sent; refuses anything but the planned next one.</summary>
    public void MarkFired(PlannedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var expected = notice.Kind == NoticeKind.Step ? StepsFired : RemindersFired;
        if (notice.Sequence != expected)
        {
            throw new InvalidOperationException($"Notice {notice.Kind} {notice.Sequence} is not the next one ({expected}).");
        }

        if (notice.Kind == NoticeKind.Step)
        {
            StepsFired++;
        }
        else
        {
            RemindersFired++;
        }

        Version++;
    }

    /// <summary>Delays the next notice until <paramref name="until"/> (and the later ones by as much). Returns the new due time.</summary>
    public DateTimeOffset Snooze(EscalationPolicy policy, IncidentStatus status, DateTimeOffset? acknowledgedAt, DateTimeOffset until, EscalationTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var next = Next(policy, status, acknowledgedAt) ?? throw new DomainRuleException("state", texts.NothingPending);
        if (next.DueAt < until)
        {
            if (next.Kind == NoticeKind.Step)
            {
                StepShift += until - next.DueAt;
            }
            else
            {
                ReminderShift += until - next.DueAt;
            }
        }

        SnoozedUntil = until;
        Version++;
        return Next(policy, status, acknowledgedAt)!.DueAt;
    }

    /// <summary>Brings the next step forward to <paramref name="now"/>; the later ones keep their spacing.</summary>
    public PlannedNotice EscalateNow(EscalationPolicy policy, IncidentStatus status, DateTimeOffset now, EscalationTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (status != IncidentStatus.Open)
        {
            throw new DomainRuleException("state", texts.OnlyOpenEscalates);
        }

        var next = Next(policy, status, null) ?? throw new DomainRuleException("state", texts.LadderDone);
        if (next.DueAt > now)
        {
            StepShift -= next.DueAt - now;
        }

        SnoozedUntil = null;
        Version++;
        return Next(policy, status, null)!;
    }

    /// <summary>
    /// The incident climbed to a severity with another policy: that policy replaces the frozen one and its ladder
    /// starts now, from the first step.
    /// </summary>
    public void Refreeze(string policyName, string policyJson, DateTimeOffset now)
    {
        PolicyName = policyName;
        PolicyJson = policyJson;
        Restart(now);
    }

    /// <summary>A reopened incident climbs the ladder again from the first step.</summary>
    public void Restart(DateTimeOffset now)
    {
        Generation++;
        StartedAt = now;
        StepShift = ReminderShift = TimeSpan.Zero;
        StepsFired = RemindersFired = 0;
        SnoozedUntil = null;
        Version++;
    }
}

/// <summary>Escalation refusals in French or English.</summary>
public sealed record EscalationTexts(string NothingPending, string OnlyOpenEscalates, string LadderDone, string NoPolicy)
{
    public static readonly EscalationTexts English = new(
        "Nothing is scheduled for this incident; there is nothing to snooze.",
        "Only an open (unacknowledged) incident can be escalated now.",
        "Every escalation step has already fired.",
        "No escalation policy applies to this incident.");

    public static readonly EscalationTexts French = new(
        "Rien n'est prévu pour cet incident ; rien à reporter.",
        "Seul un incident ouvert (non pris en charge) peut être escaladé maintenant.",
        "Toutes les étapes d'escalade ont déjà été déclenchées.",
        "Aucune politique d'escalade ne s'applique à cet incident.");

    public static EscalationTexts For(string language) => language == "fr" ? French : English;
}
