using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CmBot.Bot.Routing.Repeats;

/// <summary>Wakes <see cref="AlertRepeats"/> for one incident; a concurrent writer (another instance) makes it read again.</summary>
public sealed partial class AlertRepeatJob(IServiceScopeFactory scopes, WriteGate gate, OutboxSignal signal, ILogger<AlertRepeatJob> logger) : IJob
{
    private const int MaxAttempts = 5;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(context.MergedJobDataMap.GetString(AlertRepeats.IncidentKey), out var incidentId))
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
                    var repeats = scope.ServiceProvider.GetRequiredService<AlertRepeats>();
                    repeats.Firing = context.Trigger.Key;
                    await repeats.FireDueAsync(incidentId, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Repeat check of incident {IncidentId}: concurrent update (attempt {Attempt}); reading again")]
    private partial void LogConflict(Exception exception, Guid incidentId, int attempt);
}
