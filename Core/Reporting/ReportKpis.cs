using CmBot.Core.Incidents;

namespace CmBot.Core.Reporting;

/// <summary>The figures of one report period. Every list is sorted the way a digest shows it.</summary>
public sealed record ReportKpis
{
    public required ReportPeriod Period { get; init; }
    public required int MentionCount { get; init; }
    public required IReadOnlyList<Count> VolumeBySource { get; init; }
    public required SentimentSplit Sentiment { get; init; }

    /// <summary>Average sentiment of the second half of the period minus the first half's (positive: improving).</summary>
    public required double? SentimentTrend { get; init; }

    /// <summary>One bucket per local day (or hour for periods of two days or less), in order.</summary>
    public required IReadOnlyList<VolumePoint> Timeline { get; init; }

    /// <summary>Incident grouping keys (topics or risk categories) by mentions in the period.</summary>
    public required IReadOnlyList<Count> TopTopics { get; init; }

    public required IReadOnlyList<Count> TopRiskCategories { get; init; }
    public required int IncidentCount { get; init; }
    public required IReadOnlyDictionary<Severity, int> IncidentsBySeverity { get; init; }
    public required DurationStats TimeToAcknowledge { get; init; }
    public required DurationStats TimeToFirstDraft { get; init; }
    public required DurationStats TimeToApproval { get; init; }
    public required DurationStats TimeToPublish { get; init; }

    /// <summary>Raw times to acknowledge, for the distribution chart.</summary>
    public required IReadOnlyList<TimeSpan> AcknowledgeTimes { get; init; }

    public required IReadOnlyList<RoleLatency> ApprovalLatencyByRole { get; init; }
    public required SlaSummary Sla { get; init; }
    public required int DismissedCount { get; init; }

    /// <summary>Dismissed incidents over incidents opened in the period; null with no incident.</summary>
    public required double? NoiseRatio { get; init; }

    /// <summary>Escalation steps reached, by level (1 = first step).</summary>
    public required IReadOnlyList<LevelCount> EscalationsByLevel { get; init; }
}

public sealed record Count(string Key, int Value);

public sealed record LevelCount(int Level, int Value);

public sealed record SentimentSplit(int Positive, int Neutral, int Negative, double? Average)
{
    public int Total => Positive + Neutral + Negative;

    public double Share(int part) => Total == 0 ? 0 : (double)part / Total;
}

public sealed record VolumePoint(DateTimeOffset Start, int Mentions, int Negative, double? AverageSentiment);

public sealed record RoleLatency(string Role, DurationStats Latency);

/// <summary>Incidents of the period against their response targets.</summary>
public sealed record SlaSummary(int Measured, int Met, int Breached, int Warning50, int Warning75, IReadOnlyList<SlaVerdict> Verdicts)
{
    /// <summary>Share of measured incidents that did not breach; null when none was measured.</summary>
    public double? Compliance => Measured == 0 ? null : (double)(Measured - Breached) / Measured;
}
