using CmBot.Bot.Jobs;
using CmBot.Bot.Storage;
using CmBot.Core.Approvals;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Replies.Deadlines;

/// <summary>
/// At start, stores the approval-deadline job and makes sure every draft waiting for approval has a trigger for its
/// next notice (triggers are scheduled before each commit, but a failed scheduling, a restored database or a cleared
/// Quartz table would otherwise leave a request without its reminder); <see cref="TriggerSweep"/> does the same check
/// while the host runs. Late notices fire at once.
/// </summary>
public sealed partial class ApprovalDeadlineRecovery(IServiceScopeFactory scopes, ISchedulerFactory schedulers, ILogger<ApprovalDeadlineRecovery> logger) : IHostedService, ITriggerReplanner
{
    public string Kind => "approval";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ApprovalDeadlineJob>().WithIdentity(ApprovalDeadlineScheduler.Job).StoreDurably().RequestRecovery().Build();
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
        var engine = scope.ServiceProvider.GetRequiredService<ApprovalDeadlineEngine>();
        var triggers = scope.ServiceProvider.GetRequiredService<ApprovalDeadlineScheduler>();
        var waiting = await db.Drafts.AsNoTracking().Include(d => d.Approvals)
            .Where(d => d.Status == DraftStatus.Editing && d.RequiredRoles != string.Empty)
            .ToListAsync(cancellationToken);
        var pending = 0;
        var created = 0;
        foreach (var draft in waiting)
        {
            var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == draft.IncidentId, cancellationToken);
            var fired = incident is null ? [] : await engine.FiredAsync(draft, cancellationToken);
            if (incident is not null && !fired.Contains(ApprovalNoticeKind.Deputy) && ApprovalClock.Next(draft, engine.DeadlineFor(incident), fired) is { } next)
            {
                pending++;
                created += await triggers.ScheduleAsync(draft.Id, next, cancellationToken) ? 1 : 0;
            }
        }

        return new ReplanCount(pending, created);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval deadlines: {Pending} draft(s) waiting with a next notice, {Created} trigger(s) missing and planned again")]
    private partial void LogRecovered(int pending, int created);
}
