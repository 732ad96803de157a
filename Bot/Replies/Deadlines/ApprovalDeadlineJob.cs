using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Replies.Deadlines;

/// <summary>
/// Fires a draft's due approval notices. Thin and idempotent: it re-reads the draft, sends only what is due and not
/// yet recorded, and schedules the next notice. When another instance fired the same notice first, the unique key
/// refuses this one and it reads again.
/// </summary>
public sealed partial class ApprovalDeadlineJob(
    IServiceScopeFactory scopes,
    WriteGate gate,
    OutboxSignal signal,
    ILogger<ApprovalDeadlineJob> logger) : IJob
{
    private const int MaxAttempts = 5;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(context.MergedJobDataMap.GetString(ApprovalDeadlineScheduler.DraftKey), out var draftId))
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
                    scope.ServiceProvider.GetRequiredService<ApprovalDeadlineScheduler>().Firing = context.Trigger.Key;
                    await scope.ServiceProvider.GetRequiredService<ApprovalDeadlineEngine>().FireDueAsync(draftId, cancellationToken);
                    await scope.ServiceProvider.GetRequiredService<CmBotDbContext>().SaveChangesAsync(cancellationToken);
                }

                signal.Notify();
                return;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                LogConflict(ex, draftId, attempt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval deadline of draft {DraftId}: concurrent update (attempt {Attempt}); reading again")]
    private partial void LogConflict(Exception exception, Guid draftId, int attempt);
}
