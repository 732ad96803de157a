using CmBot.Bot.Jobs;
using Quartz;

namespace CmBot.Bot.Escalation;

/// <summary>
/// Keeps a persistent Quartz trigger for each incident's next escalation notice. The trigger's name carries the
/// notice and its due time, so scheduling the same notice twice (two instances, a retry, a restart) is harmless,
/// and a snooze or "escalate now" simply adds a trigger at the new time; a trigger that finds nothing due does
/// nothing. A trigger missed while every instance was down fires as soon as a scheduler is back.
/// </summary>
public sealed class EscalationScheduler(ISchedulerFactory schedulers, TimeProvider time)
{
    public static readonly JobKey Job = new("escalation-step", "escalation");
    public const string Group = "escalation";
    public const string IncidentKey = "incidentId";

    /// <summary>The trigger being executed by this scope's job: scheduling the same key again must not be skipped.</summary>
    public TriggerKey? Firing { get; set; }

    /// <returns>True when the trigger was created (false: it was already there).</returns>
    public async Task<bool> ScheduleAsync(Guid incidentId, string notice, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await OneShotTrigger.ScheduleAsync(scheduler, new TriggerKey($"{incidentId:N}:{notice}", Group), Firing, Job, (IncidentKey, incidentId.ToString()), dueAt, time, cancellationToken);
    }
}
