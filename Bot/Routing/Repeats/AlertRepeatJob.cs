using CmBot.Bot.Chat;
using CmBot.Bot.Jobs;
using CmBot.Bot.Storage;
using Quartz;

namespace CmBot.Bot.Routing.Repeats;

/// <summary>Wakes <see cref="AlertRepeats"/> for one incident (see <see cref="GatedRetryJob"/>).</summary>
public sealed class AlertRepeatJob(IServiceScopeFactory scopes, WriteGate gate, OutboxSignal signal, ILogger<AlertRepeatJob> logger)
    : GatedRetryJob(scopes, gate, signal, logger)
{
    protected override string DataKey => AlertRepeats.IncidentKey;

    protected override Task FireAsync(IServiceProvider services, Guid id, TriggerKey firing, CancellationToken cancellationToken)
    {
        var repeats = services.GetRequiredService<AlertRepeats>();
        repeats.Firing = firing;
        return repeats.FireDueAsync(id, cancellationToken);
    }
}
