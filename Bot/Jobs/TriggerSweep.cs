using System.Diagnostics;
using CmBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Jobs;

/// <summary>
/// While the host runs, checks every <see cref="SchedulingOptions.TriggerSweepMinutes"/> that each pending escalation
/// notice, approval notice and repeat check still has its Quartz trigger, and plans the missing ones again. Triggers
/// are planned right after each commit; if that fails (the store was busy, the process is killed in between), the
/// work would otherwise wait for the next start. Planning is idempotent (trigger names carry the notice and its
/// time), so several instances sweeping at once create nothing twice; a trigger that finds nothing due does nothing.
/// This is a safety net on a slow clock, not how work is woken up: new work is planned the moment it is committed.
/// </summary>
public sealed partial class TriggerSweep(
    IEnumerable<ITriggerReplanner> replanners,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    CmBotMetrics metrics,
    ILogger<TriggerSweep> logger) : BackgroundService
{
    /// <summary>One pass over every kind; returns how many triggers were missing and created.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var replanner in replanners)
        {
            try
            {
                var count = await replanner.ReplanAsync(cancellationToken);
                if (count.Created > 0)
                {
                    metrics.TriggersReplanned.Add(count.Created, new TagList { { "kind", replanner.Kind } });
                    LogReplanned(count.Created, replanner.Kind, count.Pending);
                }

                created += count.Created;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSweepFailed(ex, replanner.Kind);
            }
        }

        return created;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.TriggerSweepMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger check: {Created} {Kind} trigger(s) were missing (of {Pending} pending) and have been planned again")]
    private partial void LogReplanned(int created, string kind, int pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trigger check for {Kind} failed; it runs again at the next interval")]
    private partial void LogSweepFailed(Exception exception, string kind);
}
