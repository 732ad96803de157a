using CmBot.Bot.Chat;
using CmBot.Bot.Jobs;
using CmBot.Bot.Storage;
using Quartz;

namespace CmBot.Bot.Replies.Deadlines;

/// <summary>Fires a draft's due approval notices and schedules the next one (see <see cref="GatedRetryJob"/>).</summary>
public sealed class ApprovalDeadlineJob(IServiceScopeFactory scopes, WriteGate gate, OutboxSignal signal, ILogger<ApprovalDeadlineJob> logger)
    : GatedRetryJob(scopes, gate, signal, logger)
{
    protected override string DataKey => ApprovalDeadlineScheduler.DraftKey;

    protected override Task FireAsync(IServiceProvider services, Guid id, TriggerKey firing, CancellationToken cancellationToken)
    {
        services.GetRequiredService<ApprovalDeadlineScheduler>().Firing = firing;
        return services.GetRequiredService<ApprovalDeadlineEngine>().FireDueAsync(id, cancellationToken);
    }
}
