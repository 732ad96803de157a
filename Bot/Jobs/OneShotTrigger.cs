using Quartz;

namespace CmBot.Bot.Jobs;

/// <summary>
/// A persistent one-shot Quartz trigger whose name says what it does and when (escalation steps, approval notices,
/// repeat checks). Scheduling the same name twice (two instances, a retry, a restart) is harmless; a trigger missed
/// while every instance was down fires as soon as a scheduler is back.
/// </summary>
public static class OneShotTrigger
{
    /// <returns>True when the trigger was created; false when it already existed.</returns>
    /// <param name="firing">The trigger the calling job is executing: the same name again gets a fresh suffix, as the
    /// firing one is removed once done (it fired before its work was due, e.g. clock skew).</param>
    public static async Task<bool> ScheduleAsync(
        IScheduler scheduler,
        TriggerKey key,
        TriggerKey? firing,
        JobKey job,
        (string Key, string Value) data,
        DateTimeOffset dueAt,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        if (key.Equals(firing))
        {
            key = new TriggerKey($"{key.Name}~{time.GetUtcNow().UtcTicks}", key.Group);
        }

        if (await scheduler.Exists(key, cancellationToken))
        {
            return false;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .UsingJobData(data.Key, data.Value)
            .StartAt(dueAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another instance scheduled the same trigger at the same moment.
            return false;
        }
    }
}
