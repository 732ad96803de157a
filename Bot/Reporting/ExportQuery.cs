using CmBot.Bot.Storage;
using CmBot.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Reporting;

/// <summary>Reads the rows of an export for a period (by publication, opening and decision time), read-only.</summary>
public sealed class ExportQuery(CmBotDbContext db)
{
    public async Task<ExportSet> ReadAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to) = (period.From, period.To);
        var mentions = await db.Mentions.AsNoTracking()
            .Where(m => m.PublishedAt >= from && m.PublishedAt < to)
            .ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.OpenedAt >= from && i.OpenedAt < to)
            .ToListAsync(cancellationToken);
        var decisions = await db.AuditEvents.AsNoTracking()
            .Where(e => e.At >= from && e.At < to)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return new ExportSet(
            [.. mentions.OrderBy(m => m.PublishedAt).ThenBy(m => m.Id).Select(m => new MentionRow(
                m.Id, m.Source, m.ExternalId, m.PublishedAt, m.Author, m.AuthorReach, m.Language, m.Sentiment,
                m.Severity.ToString(), m.RiskCategories, m.IncidentId, m.Url, m.Text))],
            [.. incidents.OrderBy(i => i.Number).Select(i => new IncidentRow(
                i.Id, i.Number, i.Key, i.Title, i.Severity.ToString(), i.Status.ToString(), i.OpenedAt, i.AcknowledgedAt,
                i.AcknowledgedBy, i.MentionCount, i.NegativeCount, i.TotalReach, i.RiskCategories, i.Reason))],
            [.. decisions.Select(e => new DecisionRow(e.Sequence, e.At, e.ActorId, e.Action, e.SubjectType, e.SubjectId, e.Details, e.Hash))]);
    }
}
