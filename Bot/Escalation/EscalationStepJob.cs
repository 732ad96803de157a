using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Escalation;

/// <summary>
/// Fires an incident's due escalation notices. Thin and idempotent: it re-reads the incident and its escalation,
/// sends only what is due and not yet recorded, and schedules the next notice. When another instance fired the
/// same notice first, the unique key refuses this one and it reads again.
/// </summary>
public sealed partial class EscalationStepJob(
    IServiceScopeFactory scopes,
    WriteGate gate,
    OutboxSignal signal,
    ILogger<EscalationStepJob> logger) : IJob
{
    private const int MaxAttempts = 5;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(context.MergedJobDataMap.GetString(EscalationScheduler.IncidentKey), out var incidentId))
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
                    scope.ServiceProvider.GetRequiredService<EscalationScheduler>().Firing = context.Trigger.Key;
                    await scope.ServiceProvider.GetRequiredService<EscalationEngine>().FireDueAsync(incidentId, cancellationToken);
                    await scope.ServiceProvider.GetRequiredService<CmBotDbContext>().SaveChangesAsync(cancellationToken);
                }

                signal.Notify();
                return;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                LogConflict(ex, incidentId, attempt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation of incident {IncidentId}: concurrent update (attempt {Attempt}); reading again")]
    private partial void LogConflict(Exception exception, Guid incidentId, int attempt);
}
