using CmBot.Bot.Jobs;
using CmBot.Bot.Storage;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Routing.Repeats;

/// <summary>
/// At start, stores the repeat job and plans a check for every open incident whose card is posted and which has no
/// repeat trigger waiting (late notes go at once); <see cref="TriggerSweep"/> does the same while the host runs, so a
/// repeat check lost to a failed scheduling is planned again. A check that finds nothing due plans nothing.
/// </summary>
public sealed partial class AlertRepeatRecovery(IServiceScopeFactory scopes, ISchedulerFactory schedulers, TimeProvider time, ILogger<AlertRepeatRecovery> logger) : IHostedService, ITriggerReplanner
{
    public string Kind => "repeat";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<AlertRepeatJob>().WithIdentity(AlertRepeats.Job).StoreDurably().RequestRecovery().Build();
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
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var repeats = scope.ServiceProvider.GetRequiredService<AlertRepeats>();
        var open = await db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Open).Select(i => i.Id).ToListAsync(cancellationToken);
        var ids = open.Select(i => i.ToString()).ToList();
        var posted = await db.ChatMessages.AsNoTracking()
            .Where(c => c.SubjectType == Chat.Subjects.Incident && ids.Contains(c.SubjectId))
            .Select(c => c.SubjectId)
            .Distinct()
            .ToListAsync(cancellationToken);

        // Trigger names start with the incident id ("{id:N}:repeat@ticks").
        var waiting = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(AlertRepeats.Group), cancellationToken))
            .Select(k => k.Name.Split(':', 2)[0])
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var created = 0;
        foreach (var id in posted.Select(Guid.Parse).Where(id => !waiting.Contains(id.ToString("N"))))
        {
            await repeats.ScheduleAsync(id, now, cancellationToken);
            created++;
        }

        return new ReplanCount(posted.Count, created);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Repeat checks: {Pending} open incident(s) with a posted alert, {Created} check(s) planned")]
    private partial void LogRecovered(int pending, int created);
}
