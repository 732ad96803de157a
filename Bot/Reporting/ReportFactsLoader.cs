using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Reporting;

/// <summary>Reads what a report period needs from the database, read-only (no tracking, no writes).</summary>
public sealed class ReportFactsLoader(CmBotDbContext db)
{
    /// <summary>
    /// Incidents are matched on when CmBot opened them (the audit time), which may differ from the first mention's
    /// publication time; this margin catches those whose mention predates the period.
    /// </summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    public async Task<ReportFacts> LoadAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to, early) = (period.From, period.To, period.From - Lookback);
        var mentions = await db.Mentions.AsNoTracking()
            .Where(m => m.PublishedAt >= from && m.PublishedAt < to)
            .Select(m => new { m.Id, m.Source, m.PublishedAt, m.Sentiment, m.RiskCategories, m.Severity, m.IncidentId })
            .ToListAsync(cancellationToken);
        var decisions = await db.AuditEvents.AsNoTracking()
            .Where(e => e.At >= early && e.At < to)
            .OrderBy(e => e.Sequence)
            .Select(e => new DecisionFact(e.At, e.ActorId, e.Action, e.SubjectType, e.SubjectId, e.Details))
            .ToListAsync(cancellationToken);
        var openedAt = decisions.Where(d => d.Action == AuditActions.IncidentOpened)
            .GroupBy(d => d.SubjectId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Min(d => d.At), StringComparer.OrdinalIgnoreCase);
        var incidents = (await db.Incidents.AsNoTracking().Where(i => i.OpenedAt >= early && i.OpenedAt < to).ToListAsync(cancellationToken))
            .Select(i => new IncidentFact(
                i.Id, i.Number, i.Key, i.Severity, i.Status,
                openedAt.TryGetValue(i.Id.ToString(), out var at) ? at : i.OpenedAt,
                i.AcknowledgedAt, i.MentionCount))
            .ToList();
        var incidentIds = incidents.Select(i => i.Id).ToList();
        var drafts = await db.Drafts.AsNoTracking()
            .Where(d => incidentIds.Contains(d.IncidentId))
            .Select(d => new DraftFact(d.Id, d.IncidentId, d.CreatedAt, d.PublishedAt))
            .ToListAsync(cancellationToken);
        var draftIds = drafts.Select(d => d.Id).ToList();
        var approvals = await db.Approvals.AsNoTracking()
            .Where(a => draftIds.Contains(a.DraftId))
            .Select(a => new ApprovalFact(a.DraftId, a.Role, a.Decision, a.At))
            .ToListAsync(cancellationToken);
        return new ReportFacts(
            [.. mentions.Select(m => new MentionFact(
                m.Id, m.Source, m.PublishedAt, m.Sentiment,
                m.RiskCategories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                m.Severity, m.IncidentId))],
            incidents,
            drafts,
            approvals,
            decisions);
    }
}
