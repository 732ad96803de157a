using CmBot.Bot.Storage;
using CmBot.Core.Chat.Commands;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Slack.Commands;

/// <summary>
/// The figures of <c>/cm report</c> over the last period: mentions by severity (by publication time),
/// incidents opened, incidents acknowledged and the median time from opening to acknowledgement.
/// </summary>
public sealed class ActivityReportQuery(CmBotDbContext db, TimeProvider time)
{
    public async Task<ActivityReport> ReadAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - period;
        var bySeverity = await db.Mentions.AsNoTracking()
            .Where(m => m.PublishedAt >= since)
            .GroupBy(m => m.Severity)
            .Select(g => new { Severity = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Severity, g => g.Count, cancellationToken);
        var opened = await db.Incidents.CountAsync(i => i.OpenedAt >= since, cancellationToken);
        var acknowledged = await db.Incidents.AsNoTracking()
            .Where(i => i.AcknowledgedAt != null && i.AcknowledgedAt >= since)
            .Select(i => new { i.OpenedAt, AcknowledgedAt = i.AcknowledgedAt!.Value })
            .ToListAsync(cancellationToken);

        // An incident opens at its first mention's publication time, read from the source's clock; one running
        // ahead could put the opening after the click, which counts as immediate rather than negative.
        var delays = acknowledged.Select(a => a.AcknowledgedAt - a.OpenedAt).Select(d => d < TimeSpan.Zero ? TimeSpan.Zero : d);
        return new ActivityReport(period, bySeverity, opened, acknowledged.Count, ActivityReport.Median(delays));
    }
}
