using CmBot.Core.Approvals;
using CmBot.Core.Incidents;

namespace CmBot.Core.Reporting;

/// <summary>A half-open interval [From, To) of instants a report covers.</summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To - From;

    public bool Contains(DateTimeOffset at) => at >= From && at < To;

    /// <summary>The period of the given length that ends at <paramref name="end"/>.</summary>
    public static ReportPeriod Ending(DateTimeOffset end, TimeSpan length) => new(end - length, end);
}

/// <summary>What a report needs of a stored mention.</summary>
public sealed record MentionFact(
    Guid Id,
    string Source,
    DateTimeOffset PublishedAt,
    double Sentiment,
    IReadOnlyList<string> RiskCategories,
    Severity Severity,
    Guid? IncidentId);

/// <summary>What a report needs of an incident. <see cref="OpenedAt"/> is when CmBot opened it (the clock SLAs run on).</summary>
public sealed record IncidentFact(
    Guid Id,
    int Number,
    string Key,
    Severity Severity,
    IncidentStatus Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    int MentionCount);

public sealed record DraftFact(Guid Id, Guid IncidentId, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

public sealed record ApprovalFact(Guid DraftId, string Role, ApprovalDecision Decision, DateTimeOffset At);

/// <summary>An audit event as reports read it: the verb, the subject and the raw JSON details.</summary>
public sealed record DecisionFact(DateTimeOffset At, string ActorId, string Action, string SubjectType, string SubjectId, string Details);

/// <summary>Everything stored that touches a period; the calculator filters by time itself.</summary>
public sealed record ReportFacts(
    IReadOnlyList<MentionFact> Mentions,
    IReadOnlyList<IncidentFact> Incidents,
    IReadOnlyList<DraftFact> Drafts,
    IReadOnlyList<ApprovalFact> Approvals,
    IReadOnlyList<DecisionFact> Decisions)
{
    public static readonly ReportFacts Empty = new([], [], [], [], []);
}
