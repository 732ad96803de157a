using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Jobs;

/// <summary>
/// A one-shot trigger's job that fires what is due for one subject (an incident, a draft) in a fresh scope under the
/// write gate, commits, and wakes the outbox. Thin and idempotent: when another instance fired the same work first,
/// a unique key refuses this commit and it reads again (a few times).
/// </summary>
public abstract partial class GatedRetryJob(IServiceScopeFactory scopes, WriteGate gate, OutboxSignal signal, ILogger logger) : IJob
{
    private const int MaxAttempts = 5;

    /// <summary>The job data key holding the subject's id.</summary>
    protected abstract string DataKey { get; }

    /// <summary>Fires what is due for <paramref name="id"/>; the caller commits.</summary>
    protected abstract Task FireAsync(IServiceProvider services, Guid id, TriggerKey firing, CancellationToken cancellationToken);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(context.MergedJobDataMap.GetString(DataKey), out var id))
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (await gate.EnterAsync(cancellationToken))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await FireAsync(scope.ServiceProvider, id, context.Trigger.Key, cancellationToken);
                    await scope.ServiceProvider.GetRequiredService<CmBotDbContext>().SaveChangesAsync(cancellationToken);
                }

                signal.Notify();
                return;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                LogConflict(logger, ex, GetType().Name, id, attempt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} for {SubjectId}: concurrent update (attempt {Attempt}); reading again")]
    private static partial void LogConflict(ILogger logger, Exception exception, string job, Guid subjectId, int attempt);
}
