using Quartz;

namespace CmBot.Bot.Reporting.Digests;

/// <summary>
/// Fires a digest schedule (one Quartz job and cron trigger per schedule, persisted; clustered on PostgreSQL).
/// The period ends at the trigger's scheduled time, not at "now", so a late or repeated fire names the same slot.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestRunner runner, ReportingSettings settings) : IJob
{
    public const string Group = "reports";
    public const string ScheduleKey = "schedule";

    public static JobKey KeyFor(string schedule) => new($"digest-{schedule}", Group);

    public static TriggerKey TriggerFor(string schedule) => new($"digest-{schedule}-cron", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.MergedJobDataMap.GetString(ScheduleKey);
        if (settings.Schedules.FirstOrDefault(s => s.Name == name) is not { } schedule)
        {
            // A schedule removed from configuration while its trigger was still stored: nothing to send.
            return;
        }

        var slot = DigestSlots.SlotFor(schedule.Cron, settings.Zone, context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        await runner.RunAsync(schedule, slot, cancellationToken);
    }
}

public static class DigestSlots
{
    /// <summary>
    /// The latest cron occurrence at or before <paramref name="fired"/>: a misfire re-fired after a restart at
    /// 08:03 still reports the 08:00 slot, so its "sent" row matches the one another instance may have written.
    /// </summary>
    public static DateTimeOffset SlotFor(string cron, TimeZoneInfo zone, DateTimeOffset fired) =>
        new CronExpression(cron, zone).GetPreviousValidTimeBefore(fired.AddSeconds(1)) ?? fired;
}
