using System.Globalization;
using CmBot.Core.Chat;

namespace CmBot.Core.Reporting;

/// <summary>The fixed words of a digest, in French or English (see <see cref="CardLabels"/>).</summary>
public sealed record DigestLabels(
    string Title,
    string Mentions,
    string Sentiment,
    string Trend,
    string Incidents,
    string TimeToAcknowledge,
    string TimeToPublish,
    string SlaCompliance,
    string Breaches,
    string Noise,
    string TopTopics,
    string NoData,
    string Positive,
    string Neutral,
    string Negative,
    string Dismissed,
    string Escalations,
    string Level)
{
    public static readonly DigestLabels English = new(
        "CmBot report", "Mentions", "Sentiment", "Trend", "Incidents", "Time to acknowledge (p50 / p90)",
        "Time to publish (p50 / p90)", "Within SLA", "SLA breaches", "Noise", "Top topics", "—", "positive", "neutral",
        "negative", "dismissed", "Escalations", "level");

    public static readonly DigestLabels French = new(
        "Rapport CmBot", "Mentions", "Tonalité", "Tendance", "Incidents", "Délai de prise en charge (p50 / p90)",
        "Délai de publication (p50 / p90)", "Dans les délais", "SLA dépassés", "Bruit", "Sujets principaux", "—", "positives",
        "neutres", "négatives", "écartés", "Escalades", "niveau");

    public static DigestLabels For(string language) => language == "fr" ? French : English;
}

/// <summary>Turns a period's KPIs into the channel-neutral digest card (headline figures; charts are attached by the caller).</summary>
public static class DigestCards
{
    public static Card Build(ReportKpis kpis, string language, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        ArgumentNullException.ThrowIfNull(zone);
        var l = DigestLabels.For(language);
        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB");
        var from = TimeZoneInfo.ConvertTime(kpis.Period.From, zone);
        var to = TimeZoneInfo.ConvertTime(kpis.Period.To, zone);
        var s = kpis.Sentiment;
        var facts = new List<CardFact>
        {
            new(l.Mentions, kpis.MentionCount.ToString(culture)),
            new(l.Sentiment, s.Total == 0 ? l.NoData : string.Format(
                culture, "{0:P0} {1} · {2:P0} {3} · {4:P0} {5}",
                s.Share(s.Positive), l.Positive, s.Share(s.Neutral), l.Neutral, s.Share(s.Negative), l.Negative)),
            new(l.Trend, kpis.SentimentTrend is { } t ? t.ToString("+0.00;-0.00;0.00", culture) : l.NoData),
            new(l.Incidents, string.Join(" · ", kpis.IncidentsBySeverity.Where(p => p.Value > 0).OrderBy(p => p.Key).Select(p => string.Create(culture, $"{p.Key} {p.Value}"))) is { Length: > 0 } bySeverity
                ? string.Create(culture, $"{kpis.IncidentCount} ({bySeverity})")
                : kpis.IncidentCount.ToString(culture)),
            new(l.TimeToAcknowledge, Pair(kpis.TimeToAcknowledge, l.NoData)),
            new(l.TimeToPublish, Pair(kpis.TimeToPublish, l.NoData)),
            new(l.SlaCompliance, kpis.Sla.Compliance is { } c ? c.ToString("P0", culture) : l.NoData),
            new(l.Breaches, kpis.Sla.Breached.ToString(culture)),
            new(l.Noise, kpis.NoiseRatio is { } n ? string.Create(culture, $"{n.ToString("P0", culture)} ({kpis.DismissedCount} {l.Dismissed})") : l.NoData),
        };
        if (kpis.EscalationsByLevel.Count > 0)
        {
            facts.Add(new CardFact(l.Escalations, string.Join(" · ", kpis.EscalationsByLevel.Select(e => string.Create(culture, $"{l.Level} {e.Level}: {e.Value}")))));
        }

        var texts = new List<CardText>();
        if (kpis.TopTopics.Count > 0)
        {
            texts.Add(new CardText($"{l.TopTopics}: " + string.Join(", ", kpis.TopTopics.Select(t => string.Create(culture, $"{t.Key} ({t.Value})")))));
        }

        return new Card
        {
            Title = l.Title,
            Status = string.Create(culture, $"{from:d MMM yyyy HH:mm} – {to:d MMM yyyy HH:mm} ({zone.Id})"),
            Facts = facts,
            Texts = texts,
        };
    }

    /// <summary>"12 min / 1 h 05" style, short enough for a card fact.</summary>
    public static string Duration(TimeSpan? span, string none) => span switch
    {
        null => none,
        { TotalMinutes: < 1 } d => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0} s"),
        { TotalHours: < 1 } d => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMinutes:0} min"),
        { TotalDays: < 2 } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00}"),
        var d => string.Create(CultureInfo.InvariantCulture, $"{d.Value.TotalDays:0.#} d"),
    };

    private static string Pair(DurationStats stats, string none) =>
        stats.Count == 0 ? none : $"{Duration(stats.P50, none)} / {Duration(stats.P90, none)}";
}
