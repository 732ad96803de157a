using System.Text.Json;
using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.Triage;

namespace CmBot.Core.Reporting;

/// <summary>
/// Computes a period's KPIs from stored facts. Pure: the caller loads the facts and says what "now" is
/// (SLA clocks of open incidents run until then).
/// </summary>
public sealed class ReportCalculator(SlaPolicy sla, TimeZoneInfo zone)
{
    public const double PositiveThreshold = 0.05;
    public const string EscalationPrefix = "escalation.";
    private const int TopCount = 5;

    public ReportKpis Compute(ReportFacts facts, ReportPeriod period, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(period);
        var mentions = facts.Mentions.Where(m => period.Contains(m.PublishedAt)).ToList();
        var incidents = facts.Incidents.Where(i => period.Contains(i.OpenedAt)).OrderBy(i => i.OpenedAt).ToList();
        var incidentIds = incidents.Select(i => i.Id).ToHashSet();
        var drafts = facts.Drafts.Where(d => incidentIds.Contains(d.IncidentId)).ToList();
        var decisions = facts.Decisions.Where(d => period.Contains(d.At)).ToList();
        var clock = now < period.To ? now : period.To;

        var dismissed = DismissedIncidents(facts, incidents);
        var verdicts = incidents.Select(i => sla.Evaluate(i, clock)).OfType<SlaVerdict>().ToList();
        return new ReportKpis
        {
            Period = period,
            MentionCount = mentions.Count,
            VolumeBySource = Top(mentions.Select(m => m.Source), int.MaxValue),
            Sentiment = Split(mentions),
            SentimentTrend = Trend(mentions, period),
            Timeline = Timeline(mentions, period),
            TopTopics = TopTopics(mentions, facts.Incidents),
            TopRiskCategories = Top(mentions.SelectMany(m => m.RiskCategories), TopCount),
            IncidentCount = incidents.Count,
            IncidentsBySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => incidents.Count(i => i.Severity == s)),
            TimeToAcknowledge = DurationStats.Of(AcknowledgeTimes(incidents)),
            AcknowledgeTimes = [.. AcknowledgeTimes(incidents)],
            TimeToFirstDraft = DurationStats.Of(Since(incidents, drafts.GroupBy(d => d.IncidentId).ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Min(d => d.CreatedAt)))),
            TimeToApproval = DurationStats.Of(Since(incidents, FirstApprovals(drafts, facts.Approvals))),
            TimeToPublish = DurationStats.Of(Since(incidents, drafts.Where(d => d.PublishedAt is not null).GroupBy(d => d.IncidentId).ToDictionary(g => g.Key, g => g.Min(d => d.PublishedAt)))),
            ApprovalLatencyByRole = ApprovalLatency(drafts, facts.Approvals),
            Sla = new SlaSummary(
                verdicts.Count,
                verdicts.Count(v => v.Acknowledged && v.State != SlaState.Breached),
                verdicts.Count(v => v.State == SlaState.Breached),
                verdicts.Count(v => v.State == SlaState.Warning50),
                verdicts.Count(v => v.State == SlaState.Warning75),
                verdicts),
            DismissedCount = dismissed,
            NoiseRatio = incidents.Count == 0 ? null : (double)dismissed / incidents.Count,
            EscalationsByLevel = EscalationLevels(decisions),
        };
    }

    private static IReadOnlyList<Count> Top(IEnumerable<string> keys, int take) =>
        [.. keys.Where(k => k.Length > 0).GroupBy(k => k, StringComparer.Ordinal)
            .Select(g => new Count(g.Key, g.Count()))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(take)];

    private static SentimentSplit Split(List<MentionFact> mentions) => new(
        mentions.Count(m => m.Sentiment >= PositiveThreshold),
        mentions.Count(m => m.Sentiment is > TriagePolicy.NegativeThreshold and < PositiveThreshold),
        mentions.Count(m => m.Sentiment <= TriagePolicy.NegativeThreshold),
        mentions.Count == 0 ? null : mentions.Average(m => m.Sentiment));

    private static double? Trend(List<MentionFact> mentions, ReportPeriod period)
    {
        var middle = period.From + (period.Length / 2);
        var first = mentions.Where(m => m.PublishedAt < middle).ToList();
        var second = mentions.Where(m => m.PublishedAt >= middle).ToList();
        return first.Count == 0 || second.Count == 0 ? null : second.Average(m => m.Sentiment) - first.Average(m => m.Sentiment);
    }

    private List<VolumePoint> Timeline(List<MentionFact> mentions, ReportPeriod period)
    {
        var hourly = period.Length <= TimeSpan.FromDays(2);
        var starts = new List<DateTimeOffset>();
        var local = TimeZoneInfo.ConvertTime(period.From, zone);
        var cursor = hourly
            ? new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset)
            : StartOfLocalDay(DateOnly.FromDateTime(local.DateTime));
        while (cursor < period.To && starts.Count < 1000)
        {
            starts.Add(cursor);
            cursor = hourly ? cursor.AddHours(1) : StartOfLocalDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cursor, zone).DateTime).AddDays(1));
        }

        return [.. starts.Select((start, i) =>
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : period.To;
            var bucket = mentions.Where(m => m.PublishedAt >= start && m.PublishedAt < end).ToList();
            return new VolumePoint(start, bucket.Count, bucket.Count(m => m.Sentiment <= TriagePolicy.NegativeThreshold), bucket.Count == 0 ? null : bucket.Average(m => m.Sentiment));
        })];
    }

    private DateTimeOffset StartOfLocalDay(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), TimeSpan.Zero);
    }

    private static IReadOnlyList<Count> TopTopics(List<MentionFact> mentions, IReadOnlyList<IncidentFact> incidents)
    {
        var keys = incidents.ToDictionary(i => i.Id, i => i.Key);
        return Top(mentions.Where(m => m.IncidentId is { } id && keys.ContainsKey(id)).Select(m => keys[m.IncidentId!.Value]), TopCount);
    }

    private static IEnumerable<TimeSpan> AcknowledgeTimes(IEnumerable<IncidentFact> incidents) =>
        incidents.Where(i => i.AcknowledgedAt is not null).Select(i => NonNegative(i.AcknowledgedAt!.Value - i.OpenedAt));

    private static IEnumerable<TimeSpan> Since(IEnumerable<IncidentFact> incidents, Dictionary<Guid, DateTimeOffset?> firsts) =>
        incidents.Where(i => firsts.GetValueOrDefault(i.Id) is not null).Select(i => NonNegative(firsts[i.Id]!.Value - i.OpenedAt));

    /// <summary>Per incident, the first moment one of its drafts received an approval.</summary>
    private static Dictionary<Guid, DateTimeOffset?> FirstApprovals(IReadOnlyList<DraftFact> drafts, IReadOnlyList<ApprovalFact> approvals)
    {
        var incidentOf = drafts.ToDictionary(d => d.Id, d => d.IncidentId);
        return approvals.Where(a => a.Decision == ApprovalDecision.Approved && incidentOf.ContainsKey(a.DraftId))
            .GroupBy(a => incidentOf[a.DraftId])
            .ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Min(a => a.At));
    }

    /// <summary>From a draft's creation to each decision on it, grouped by the role the decider signed in.</summary>
    private static IReadOnlyList<RoleLatency> ApprovalLatency(IReadOnlyList<DraftFact> drafts, IReadOnlyList<ApprovalFact> approvals)
    {
        var created = drafts.ToDictionary(d => d.Id, d => d.CreatedAt);
        return [.. approvals.Where(a => created.ContainsKey(a.DraftId))
            .GroupBy(a => a.Role, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RoleLatency(g.Key, DurationStats.Of(g.Select(a => NonNegative(a.At - created[a.DraftId])))))];
    }

    /// <summary>
    /// Incidents stored as dismissed, plus any whose audit trail holds a dismissal verb (the lifecycle with
    /// reasons is recorded as audit events such as "incident.dismissed").
    /// </summary>
    private static int DismissedIncidents(ReportFacts facts, List<IncidentFact> incidents)
    {
        var ids = incidents.Select(i => i.Id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var viaAudit = facts.Decisions
            .Where(d => d.Action.Contains("dismiss", StringComparison.OrdinalIgnoreCase) && ids.Contains(d.SubjectId))
            .Select(d => d.SubjectId);
        var viaStatus = incidents.Where(i => i.Status == IncidentStatus.Dismissed).Select(i => i.Id.ToString());
        return viaStatus.Concat(viaAudit).Distinct(StringComparer.OrdinalIgnoreCase).Count();
    }

    /// <summary>
    /// Escalation steps are read from audit events whose verb starts with "escalation." and whose details carry a
    /// numeric "level" or "step"; events without one count as level 1.
    /// </summary>
    private static IReadOnlyList<LevelCount> EscalationLevels(IReadOnlyList<DecisionFact> decisions) =>
        [.. decisions.Where(d => d.Action.StartsWith(EscalationPrefix, StringComparison.Ordinal) && !d.Action.Contains("stop", StringComparison.Ordinal))
            .GroupBy(d => LevelOf(d.Details))
            .OrderBy(g => g.Key)
            .Select(g => new LevelCount(g.Key, g.Count()))];

    private static int LevelOf(string details)
    {
        try
        {
            using var json = JsonDocument.Parse(details);
            foreach (var name in (string[])["level", "step"])
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value))
                {
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0)
                    {
                        return n;
                    }

                    if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out var s) && s > 0)
                    {
                        return s;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Unreadable details still count the escalation, at the first level.
        }

        return 1;
    }

    private static TimeSpan NonNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
