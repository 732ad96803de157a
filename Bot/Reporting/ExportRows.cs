namespace CmBot.Bot.Reporting;

/// <summary>One exported mention (CSV column order = property order).</summary>
public sealed record MentionRow(
    Guid Id,
    string Source,
    string ExternalId,
    DateTimeOffset PublishedAt,
    string Author,
    int AuthorReach,
    string Language,
    double Sentiment,
    string Severity,
    string RiskCategories,
    Guid? IncidentId,
    string? Url,
    string Text);

public sealed record IncidentRow(
    Guid Id,
    int Number,
    string Key,
    string Title,
    string Severity,
    string Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    int MentionCount,
    int NegativeCount,
    long TotalReach,
    string RiskCategories,
    string Reason);

/// <summary>One audit event: every decision (ack, approval, refusal, publication...) with its chain hash.</summary>
public sealed record DecisionRow(
    long Sequence,
    DateTimeOffset At,
    string ActorId,
    string Action,
    string SubjectType,
    string SubjectId,
    string Details,
    string Hash);

public sealed record ExportSet(IReadOnlyList<MentionRow> Mentions, IReadOnlyList<IncidentRow> Incidents, IReadOnlyList<DecisionRow> Decisions);
