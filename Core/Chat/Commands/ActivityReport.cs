using CmBot.Core.Incidents;

namespace CmBot.Core.Chat.Commands;

/// <summary>The short figures <c>/cm report</c> gives for a period, read from what CmBot stored.</summary>
public sealed record ActivityReport(
    TimeSpan Period,
    IReadOnlyDictionary<Severity, int> MentionsBySeverity,
    int IncidentsOpened,
    int IncidentsAcknowledged,
    TimeSpan? MedianTimeToAcknowledge)
{
    public int Mentions => MentionsBySeverity.Values.Sum();

    public int MentionsAt(Severity severity) => MentionsBySeverity.GetValueOrDefault(severity);

    /// <summary>
    /// The middle value (mean of the two middle ones for an even count), or null when there is none. The median,
    /// not the mean, because one incident acknowledged the next morning would swamp a day of quick answers.
    /// </summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var sorted = durations.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1
            ? sorted[middle]
            : TimeSpan.FromTicks((sorted[middle - 1].Ticks + sorted[middle].Ticks) / 2);
    }
}
