using CmBot.Bot.Chat;
using CmBot.Bot.Jobs;
using CmBot.Bot.Storage;
using Quartz;

namespace CmBot.Bot.Escalation;

/// <summary>
/// Fires an incident's due escalation notices and schedules the next one: it re-reads the incident and its
/// escalation and sends only what is due and not yet recorded (see <see cref="GatedRetryJob"/>).
/// </summary>
public sealed class EscalationStepJob(IServiceScopeFactory scopes, WriteGate gate, OutboxSignal signal, ILogger<EscalationStepJob> logger)
    : GatedRetryJob(scopes, gate, signal, logger)
{
    protected override string DataKey => EscalationScheduler.IncidentKey;

    protected override Task FireAsync(IServiceProvider services, Guid id, TriggerKey firing, CancellationToken cancellationToken)
    {
        services.GetRequiredService<EscalationScheduler>().Firing = firing;
        return services.GetRequiredService<EscalationEngine>().FireDueAsync(id, cancellationToken);
    }
}
