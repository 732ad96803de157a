using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Reporting.OnDemand;

/// <summary>
/// Builds one requested report and queues its card, then its charts in the card's thread (platforms with a files
/// API), in the channel it was asked from. Re-running the job after a crash queues nothing twice.
/// </summary>
public sealed partial class ReportRequestJob(
    CmBotDbContext db,
    ReportService reports,
    CardOutbox outbox,
    ImageOutbox images,
    IEnumerable<IChatPlatform> platforms,
    AuditLog audit,
    WriteGate gate,
    OutboxSignal signal,
    ILogger<ReportRequestJob> logger) : IJob
{
    public const string Group = "report-requests";
    public const string Subject = "report";
    public const string IdKey = "id";
    public const string PlatformKey = "platform";
    public const string ChannelKey = "channel";
    public const string PeriodKey = "periodSeconds";
    public const string PersonKey = "person";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var id = data.GetString(IdKey) ?? string.Empty;
        var platformName = data.GetString(PlatformKey);
        var channel = data.GetString(ChannelKey) ?? string.Empty;
        var person = data.GetString(PersonKey) ?? "unknown";
        var period = TimeSpan.FromSeconds(long.Parse(data.GetString(PeriodKey) ?? "0", CultureInfo.InvariantCulture));
        if (platforms.FirstOrDefault(p => p.Name == platformName) is not { } platform || channel.Length == 0 || period <= TimeSpan.Zero)
        {
            LogDropped(id, platformName ?? "?");
            return;
        }

        var subjectId = $"request:{id}";
        var report = await reports.BuildAsync(period, cancellationToken);
        using (await gate.EnterAsync(cancellationToken))
        {
            if (await db.Outbox.AnyAsync(o => o.SubjectType == Subject && o.SubjectId == subjectId, cancellationToken))
            {
                return;
            }

            await outbox.EnqueueAsync(platform, channel, Subject, subjectId, 1, report.Card, priority: 9, cancellationToken: cancellationToken);
            var charts = await images.EnqueueAsync(platform, channel, subjectId, [.. report.Charts.Select(c => new ChatImage(c.FileName, c.Title, c.Png))], priority: 9, cancellationToken);
            await audit.AppendAsync(person, AuditActions.ReportRequested, Subject, subjectId, new { period = period.ToString(), platform = platform.Name, channel, charts }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        signal.Notify();
        LogQueued(id, platform.Name, channel, report.Kpis.MentionCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report request {Id} queued for {Platform} {Channel} ({Mentions} mentions)")]
    private partial void LogQueued(string id, string platform, string channel, int mentions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report request {Id} for platform {Platform} dropped: that platform is not configured any more")]
    private partial void LogDropped(string id, string platform);
}
