using CmBot.Bot.Storage;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Routing.Repeats;

/// <summary>At start, stores the repeat job and checks every open incident whose card is posted (late notes go at once).</summary>
public sealed partial class AlertRepeatRecovery(IServiceScopeFactory scopes, ISchedulerFactory schedulers, TimeProvider time, ILogger<AlertRepeatRecovery> logger) : IHostedService
{
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
        var now = time.GetUtcNow();
        foreach (var id in posted)
        {
            await repeats.ScheduleAsync(Guid.Parse(id), now, cancellationToken);
        }

        LogRecovered(posted.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Repeat checks planned for {Count} open incident(s) with a posted alert")]
    private partial void LogRecovered(int count);
}
