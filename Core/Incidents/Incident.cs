using System.Globalization;
using CmBot.Core.Common;
using CmBot.Core.People;
using CmBot.Core.Triage;

namespace CmBot.Core.Incidents;

/// <summary>
/// Related mentions that need the team: one alert, one thread, one owner. Counters grow as mentions join;
/// severity only ever climbs while the incident is open.
/// </summary>
public sealed class Incident
{
    private Incident()
    {
        Key = Title = Reason = RiskCategories = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Short number people type ("ack 12").</summary>
    public int Number { get; private set; }

    /// <summary>The grouping key related mentions share (a topic or a risk category).</summary>
    public string Key { get; private set; }

    public string Title { get; private set; }
    public Severity Severity { get; private set; }
    public IncidentStatus Status { get; private set; }
    public string Reason { get; private set; }
    public string RiskCategories { get; private set; }
    public int MentionCount { get; private set; }
    public int NegativeCount { get; private set; }
    public long TotalReach { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset LastMentionAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>Who owns the incident now (assigned, or who acknowledged it).</summary>
    public string? AssignedTo { get; private set; }

    public string? ClosedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Why a dismissed incident was not a real one (feeds the noise-ratio report).</summary>
    public DismissReason? DismissReason { get; private set; }

    /// <summary>Bumped on every visible change, so chat updates can be ordered and coalesced.</summary>
    public int Version { get; private set; }

    public bool IsActive => Status is IncidentStatus.Open or IncidentStatus.Acknowledged;

    public static Incident Open(Guid id, int number, string key, string title, TriageResult first, int reach, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(first);
        var incident = new Incident
        {
            Id = id,
            Number = number,
            Key = key,
            Title = title,
            Severity = first.Severity,
            Status = IncidentStatus.Open,
            Reason = first.Reason,
            OpenedAt = publishedAt,
            LastMentionAt = publishedAt,
        };
        incident.Count(first, reach, publishedAt);
        return incident;
    }

    /// <summary>Adds a mention; returns true when the severity climbed.</summary>
    public bool Join(TriageResult triage, int reach, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(triage);
        Count(triage, reach, publishedAt);
        if (triage.Severity < Severity)
        {
            Severity = triage.Severity;
            Reason = triage.Reason;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A burst of mentions within the policy's window raises the incident to the policy's burst severity (P1 by
    /// default, a crisis), and says so in the reason. An incident already at that severity or above is left alone.
    /// </summary>
    public bool ApplyBurst(int mentionsInWindow, TriagePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (mentionsInWindow < policy.BurstCount || Severity <= policy.BurstSeverity)
        {
            return false;
        }

        Severity = policy.BurstSeverity;
        var colon = Reason.IndexOf(": ", StringComparison.Ordinal);
        var why = colon >= 0 ? Reason[(colon + 2)..] : Reason;
        Reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{Severity}: {why} + {mentionsInWindow} mentions in {policy.BurstWindow.TotalMinutes:0.#} min (threshold {policy.BurstCount})");
        Version++;
        return true;
    }

    public void Acknowledge(Person person, DateTimeOffset now, IncidentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        texts ??= IncidentTexts.English;
        RequireResponder(person, texts);
        if (Status != IncidentStatus.Open)
        {
            throw new DomainRuleException("state", texts.AlreadyInState(Number, Status));
        }

        Status = IncidentStatus.Acknowledged;
        AcknowledgedBy = person.Id;
        AcknowledgedAt = now;
        AssignedTo ??= person.Id;
        Version++;
    }

    /// <summary>Gives the incident to <paramref name="assignee"/> (the clicker for "assign to me").</summary>
    public void Assign(Person person, Person assignee, IncidentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(assignee);
        texts ??= IncidentTexts.English;
        RequireResponder(person, texts);
        RequireActive(texts);
        if (!IsResponder(assignee))
        {
            throw new DomainRuleException("forbidden", texts.CannotOwn(assignee.Name));
        }

        if (person.Id != assignee.Id && !person.Has(Role.Lead) && !person.Has(Role.Comms) && !person.Has(Role.Ceo) && !person.Has(Role.Admin))
        {
            throw new DomainRuleException("forbidden", texts.OnlyLeadsAssignOthers(person.Name));
        }

        AssignedTo = assignee.Id;
        Version++;
    }

    /// <summary>Checks that <paramref name="person"/> may change the escalation (snooze, escalate now) of an active incident.</summary>
    public void RequireCanSteer(Person person, IncidentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        texts ??= IncidentTexts.English;
        RequireResponder(person, texts);
        RequireActive(texts);
    }

    public void Resolve(Person person, DateTimeOffset now, IncidentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        texts ??= IncidentTexts.English;
        RequireResponder(person, texts);
        RequireActive(texts);
        Close(IncidentStatus.Resolved, person, now);
    }

    public void Dismiss(Person person, DismissReason reason, DateTimeOffset now, IncidentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        texts ??= IncidentTexts.English;
        RequireResponder(person, texts);
        RequireActive(texts);
        if (!Enum.IsDefined(reason))
        {
            throw new DomainRuleException("input", texts.UnknownReason);
        }

        DismissReason = reason;
        Close(IncidentStatus.Dismissed, person, now);
    }

    /// <summary>
    /// A new critical mention on a recently resolved incident brings it back (open again, escalation restarts)
    /// instead of opening a second incident on the same topic. Dismissed incidents stay closed: the team said noise.
    /// </summary>
    public bool ReopenFor(TriageResult triage, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(triage);
        if (Status != IncidentStatus.Resolved || ClosedAt is not { } closed || now - closed > window || !triage.Risks.Any(r => r.Critical))
        {
            return false;
        }

        Status = IncidentStatus.Open;
        AcknowledgedBy = null;
        AcknowledgedAt = null;
        ClosedBy = null;
        ClosedAt = null;
        Version++;
        return true;
    }

    /// <summary>
    /// The card must be drawn again though no stored field changed (a silence on its topic began): a new version,
    /// so the chat update is not taken for one already shown.
    /// </summary>
    public void Redraw() => Version++;

    private void Close(IncidentStatus status, Person person, DateTimeOffset now)
    {
        Status = status;
        ClosedBy = person.Id;
        ClosedAt = now;
        Version++;
    }

    private static bool IsResponder(Person person) =>
        person.Has(Role.CommunityManager) || person.Has(Role.Lead) || person.Has(Role.Comms) || person.Has(Role.Ceo);

    private static void RequireResponder(Person person, IncidentTexts texts)
    {
        if (!IsResponder(person))
        {
            throw new DomainRuleException("forbidden", texts.NoResponderRole(person.Name));
        }
    }

    private void RequireActive(IncidentTexts texts)
    {
        if (!IsActive)
        {
            throw new DomainRuleException("state", texts.AlreadyInState(Number, Status));
        }
    }

    private void Count(TriageResult triage, int reach, DateTimeOffset publishedAt)
    {
        MentionCount++;
        if (triage.IsNegative)
        {
            NegativeCount++;
        }

        TotalReach += Math.Max(0, reach);
        if (publishedAt > LastMentionAt)
        {
            LastMentionAt = publishedAt;
        }

        var categories = RiskCategories.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var hit in triage.Risks.Where(h => !categories.Contains(h.Category)))
        {
            categories.Add(hit.Category);
        }

        RiskCategories = string.Join(',', categories);
        Version++;
    }
}
