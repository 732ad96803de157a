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
    /// A burst of mentions within the policy's window makes the incident a P1 crisis, and says so in the reason.
    /// </summary>
    public bool ApplyBurst(int mentionsInWindow, TriagePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (mentionsInWindow < policy.BurstCount || Severity == Severity.P1)
        {
            return false;
        }

        Severity = Severity.P1;
        var colon = Reason.IndexOf(": ", StringComparison.Ordinal);
        var why = colon >= 0 ? Reason[(colon + 2)..] : Reason;
        Reason = string.Create(
            CultureInfo.InvariantCulture,
            $"P1: {why} + {mentionsInWindow} mentions in {policy.BurstWindow.TotalMinutes:0} min (threshold {policy.BurstCount})");
        Version++;
        return true;
    }

    public void Acknowledge(Person person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!person.Has(Role.CommunityManager) && !person.Has(Role.Lead) && !person.Has(Role.Comms) && !person.Has(Role.Ceo))
        {
            throw new DomainRuleException("forbidden", $"{person.Name} has no role that may acknowledge incidents.");
        }

        if (Status != IncidentStatus.Open)
        {
            throw new DomainRuleException("state", $"Incident #{Number} is already {Status.ToString().ToLowerInvariant()}.");
        }

        Status = IncidentStatus.Acknowledged;
        AcknowledgedBy = person.Id;
        AcknowledgedAt = now;
        Version++;
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
