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
    private static readonly TimeSpan[] Windows =
        [TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(400)];

    /// <summary>
    /// The latest cron occurrence at or before <paramref name="fired"/>: a misfire re-fired after a restart at
    /// 08:03 still reports the 08:00 slot, so its "sent" row matches the one another instance may have written.
    /// Walks forward from growing look-back windows (Quartz 4.7.3's GetPreviousValidTimeBefore can answer a time
    /// after its argument across a time-zone offset), so a cron firing every few seconds and a monthly one both
    /// take few steps.
    /// </summary>
    public static DateTimeOffset SlotFor(string cron, TimeZoneInfo zone, DateTimeOffset fired)
    {
        var expression = new CronExpression(cron, zone);
        var end = fired.AddSeconds(1);
        foreach (var window in Windows)
        {
            if (expression.GetNextValidTimeAfter(end - window) is not { } first || first >= end)
            {
                continue;
            }

            var slot = first;
            for (var i = 0; i < 10_000 && expression.GetNextValidTimeAfter(slot) is { } next && next < end; i++)
            {
                slot = next;
            }

            return slot;
        }

        return fired;
    }
}
