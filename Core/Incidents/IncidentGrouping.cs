using CmBot.Core.Triage;

namespace CmBot.Core.Incidents;

/// <summary>Decides which incident a risky mention belongs to, so a burst becomes one alert.</summary>
public static class IncidentGrouping
{
    /// <summary>The topic when one matched, else the most critical risk category.</summary>
    public static string KeyFor(TriageResult triage)
    {
        ArgumentNullException.ThrowIfNull(triage);
        if (triage.TopicKey is { } topic)
        {
            return $"topic:{topic}";
        }

        var risk = triage.Risks.OrderByDescending(r => r.Critical).FirstOrDefault();
        return risk is null ? "sentiment:negative" : $"risk:{risk.Category}";
    }

    public static string TitleFor(TriageResult triage, IReadOnlyList<Topic> topics)
    {
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(topics);
        var topic = topics.FirstOrDefault(t => t.Key == triage.TopicKey)?.Label;
        var risk = triage.Risks.OrderByDescending(r => r.Critical).FirstOrDefault()?.Label;
        return (topic, risk) switch
        {
            ({ } t, { } r) => $"{r}: {t}",
            ({ } t, null) => t,
            (null, { } r) => r,
            _ => "Negative mentions",
        };
    }
}
