using CmBot.Bot.Jobs;
using CmBot.Bot.Storage;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Escalation;

/// <summary>
/// At start, makes sure the escalation job is stored and every active incident with a pending notice has its
/// trigger (belt and braces: triggers are scheduled after each commit, but a failed scheduling, a database restored
/// from a backup or a Quartz table cleared by hand would otherwise leave a ladder stuck); <see cref="TriggerSweep"/>
/// does the same check while the host runs. Late notices fire at once.
/// </summary>
public sealed partial class EscalationRecovery(IServiceScopeFactory scopes, ISchedulerFactory schedulers, ILogger<EscalationRecovery> logger) : IHostedService, ITriggerReplanner
{
    public string Kind => "escalation";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<EscalationStepJob>().WithIdentity(EscalationScheduler.Job).StoreDurably().RequestRecovery().Build();
        try
        {
            await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another instance stored it at the same moment.
        }

        var count = await ReplanAsync(cancellationToken);
        LogRecovered(count.Pending, count.Created);
    }

    public async Task<ReplanCount> ReplanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var escalations = scope.ServiceProvider.GetRequiredService<EscalationScheduler>();
        var active = await db.Set<EscalationState>().AsNoTracking()
            .Join(
                db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Open || i.Status == IncidentStatus.Acknowledged),
                s => s.IncidentId,
                i => i.Id,
                (s, i) => new { State = s, i.Status, i.AcknowledgedAt })
            .ToListAsync(cancellationToken);
        var pending = 0;
        var created = 0;
        foreach (var item in active)
        {
            var policy = EscalationPolicyJson.Deserialize(item.State.PolicyJson);
            if (item.State.Next(policy, item.Status, item.AcknowledgedAt) is { } next)
            {
                pending++;
                created += await escalations.ScheduleAsync(item.State.IncidentId, EscalationEngine.TriggerName(item.State.Generation, next), next.DueAt, cancellationToken) ? 1 : 0;
            }
        }

        return new ReplanCount(pending, created);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation: {Pending} active incident(s) with a next notice, {Created} trigger(s) missing and planned again")]
    private partial void LogRecovered(int pending, int created);
}
