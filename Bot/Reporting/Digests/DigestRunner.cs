using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.People;
using CmBot.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Reporting.Digests;

/// <summary>
/// Sends one schedule's digest for one slot, once: the "sent" row, the digest cards in the outbox and the audit
/// event are one unit of work, and the unique (schedule, period start) row refuses a second sender. The charts go
/// in the card's thread: as files where the platform shares images (Slack), as cards where its cards hold pictures
/// (Teams, the sandbox).
/// </summary>
public sealed partial class DigestRunner(
    CmBotDbContext db,
    ReportService reports,
    CardOutbox outbox,
    ImageOutbox images,
    IEnumerable<IChatPlatform> platforms,
    IEnumerable<IReportChartCards> chartCards,
    PeopleDirectory people,
    AuditLog audit,
    WriteGate gate,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<DigestRunner> logger)
{
    public const string Subject = "digest";
    public const string ChartSubject = "digest-chart";
    private const int Attempts = 3;

    /// <summary>Returns true when this call sent the digest, false when it had already gone out.</summary>
    public async Task<bool> RunAsync(DigestSchedule schedule, DateTimeOffset slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var period = new ReportPeriod(slot - schedule.Period, slot);
        for (var attempt = 1; ; attempt++)
        {
            if (await AlreadySentAsync(schedule, period, cancellationToken))
            {
                LogAlreadySent(schedule.Name, period.From);
                return false;
            }

            var report = await reports.BuildAsync(period, cancellationToken);
            using (await gate.EnterAsync(cancellationToken))
            {
                try
                {
                    await SaveAsync(schedule, period, report, cancellationToken);
                    signal.Notify();
                    LogSent(schedule.Name, period.From, period.To, report.Kpis.MentionCount);
                    return true;
                }
                catch (DbUpdateException ex) when (attempt < Attempts)
                {
                    // Another instance sent it (unique row) or appended to the audit chain first: look again.
                    LogConflict(ex, schedule.Name, attempt);
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private Task<bool> AlreadySentAsync(DigestSchedule schedule, ReportPeriod period, CancellationToken cancellationToken) =>
        db.Set<DigestRun>().AsNoTracking().AnyAsync(r => r.Schedule == schedule.Name && r.PeriodStart == period.From, cancellationToken);

    private async Task SaveAsync(DigestSchedule schedule, ReportPeriod period, RenderedReport report, CancellationToken cancellationToken)
    {
        db.Set<DigestRun>().Add(new DigestRun
        {
            Schedule = schedule.Name,
            PeriodStart = period.From,
            PeriodEnd = period.To,
            SentAt = time.GetUtcNow(),
            Instance = $"{Environment.MachineName}/{Environment.ProcessId}",
        });
        var subjectId = $"{schedule.Name}:{period.From.UtcTicks}";
        var charts = report.Charts.Select(c => new ChatImage(c.FileName, c.Title, c.Png)).ToList();
        var destinations = new List<string>();
        foreach (var platform in platforms)
        {
            var chartCardsHere = platform is IChatImageUploads ? null : chartCards.FirstOrDefault(c => c.Platform == platform.Name)?.CardsFor(report);
            foreach (var channel in DigestDestinations.For(schedule.Channel, platform, people))
            {
                // The card first, then its charts in its thread (same lane, queued after it).
                await outbox.EnqueueAsync(platform, channel, Subject, subjectId, 1, report.Card, priority: 9, cancellationToken: cancellationToken);
                await images.EnqueueAsync(platform, channel, subjectId, charts, priority: 9, cancellationToken);
                for (var i = 0; i < (chartCardsHere?.Count ?? 0); i++)
                {
                    await outbox.EnqueueAsync(platform, channel, ChartSubject, $"{subjectId}:{i + 1}", 1, chartCardsHere![i], priority: 9, threadSubjectId: subjectId, cancellationToken: cancellationToken);
                }

                destinations.Add($"{platform.Name}:{channel}");
            }
        }

        await audit.AppendAsync("cmbot", AuditActions.DigestSent, Subject, subjectId, new
        {
            schedule = schedule.Name,
            audience = schedule.Channel,
            destinations,
            from = period.From,
            to = period.To,
            mentions = report.Kpis.MentionCount,
            incidents = report.Kpis.IncidentCount,
            slaBreaches = report.Kpis.Sla.Breached,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Schedule} for {From:o}..{To:o} sent ({Mentions} mentions)")]
    private partial void LogSent(string schedule, DateTimeOffset from, DateTimeOffset to, int mentions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Schedule} for the period from {From:o} was already sent; skipped")]
    private partial void LogAlreadySent(string schedule, DateTimeOffset from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {Schedule}: write conflict on attempt {Attempt}; checking again")]
    private partial void LogConflict(Exception exception, string schedule, int attempt);
}
