using System.Globalization;
using CmBot.Core.Chat;

namespace CmBot.Core.Incidents;

/// <summary>Mentions of an incident in the last hour and in the hour before: the card's trend.</summary>
public sealed record IncidentTrend(int LastHour, int HourBefore)
{
    public string Describe(IncidentUpdateLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var arrow = LastHour > HourBefore ? "↑" : LastHour < HourBefore ? "↓" : "→";
        return string.Format(CultureInfo.InvariantCulture, labels.TrendValue, arrow, LastHour, HourBefore);
    }
}

/// <summary>The words of incident thread updates, in the configured language.</summary>
public sealed record IncidentUpdateLabels(string Trend, string TrendValue, string Update, string SeverityRaised, string Milestone, string StillOpenTitle, string StillOpen)
{
    public static readonly IncidentUpdateLabels English = new(
        "Trend", "{0} {1} in the last hour ({2} the hour before)", "Update", "Now {0}: {1}", "{0} mentions so far, reach {1}",
        "Still open", "Incident #{0} is still open and unacknowledged after {1}: {2} mentions, {3}.");

    public static readonly IncidentUpdateLabels French = new(
        "Tendance", "{0} {1} sur la dernière heure ({2} l'heure précédente)", "Mise à jour", "Désormais {0} : {1}", "{0} mentions à ce stade, audience {1}",
        "Toujours ouvert", "L'incident n°{0} est toujours ouvert et non pris en charge après {1} : {2} mentions, {3}.");

    public static IncidentUpdateLabels For(string language) => language == "fr" ? French : English;
}

/// <summary>
/// What goes into an incident's thread as it grows, so the team sees it move without the thread flooding during a
/// burst: a note when the severity rises, and one each time the mention count crosses a milestone (10, 25, 50, 100,
/// 250, 500, 1,000, ... — a burst of 10,000 mentions leaves about a dozen notes). Each note has a stable key, so a
/// retry never posts it twice.
/// </summary>
public static class IncidentUpdates
{
    /// <summary>The milestones crossed going from <paramref name="before"/> to <paramref name="after"/> mentions.</summary>
    public static IReadOnlyList<int> MilestonesCrossed(int before, int after)
    {
        var crossed = new List<int>();
        for (var scale = 10L; scale <= after && scale < int.MaxValue / 10; scale *= 10)
        {
            foreach (var step in new[] { scale, scale * 5 / 2, scale * 5 })
            {
                if (step > before && step <= after)
                {
                    crossed.Add((int)step);
                }
            }
        }

        return crossed;
    }

    public static Card SeverityNote(Incident incident, IncidentUpdateLabels labels)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(labels);
        return new Card
        {
            Title = labels.Update,
            Severity = incident.Severity.ToString(),
            Status = string.Format(CultureInfo.InvariantCulture, labels.SeverityRaised, incident.Severity, incident.Reason),
        };
    }

    public static Card MilestoneNote(Incident incident, int milestone, IncidentTrend? trend, IncidentUpdateLabels labels)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(labels);
        return new Card
        {
            Title = labels.Update,
            Severity = incident.Severity.ToString(),
            Status = string.Format(CultureInfo.InvariantCulture, labels.Milestone, milestone.ToString("N0", CultureInfo.InvariantCulture), incident.TotalReach.ToString("N0", CultureInfo.InvariantCulture)),
            Facts = trend is null ? [] : [new CardFact(labels.Trend, trend.Describe(labels))],
        };
    }

    /// <summary>The repeat_interval note: the incident is still open and nobody has acknowledged it.</summary>
    public static Card StillOpenNote(Incident incident, TimeSpan openFor, IncidentUpdateLabels labels)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(labels);
        return new Card
        {
            Title = labels.StillOpenTitle,
            Severity = incident.Severity.ToString(),
            Status = string.Format(
                CultureInfo.InvariantCulture,
                labels.StillOpen,
                incident.Number,
                Escalation.EscalationNotices.Duration(openFor),
                incident.MentionCount.ToString("N0", CultureInfo.InvariantCulture),
                incident.Severity),
        };
    }

    /// <summary>The key of the <paramref name="sequence"/>-th "still open" note of an incident in one channel.</summary>
    public static string StillOpenKey(Incident incident, int sequence)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return string.Create(CultureInfo.InvariantCulture, $"{incident.Id}:repeat:{sequence}");
    }

    public static string SeverityKey(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return string.Create(CultureInfo.InvariantCulture, $"{incident.Id}:severity:{incident.Severity}");
    }

    public static string MilestoneKey(Incident incident, int milestone)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return string.Create(CultureInfo.InvariantCulture, $"{incident.Id}:mentions:{milestone}");
    }
}
