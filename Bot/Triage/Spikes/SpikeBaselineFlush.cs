using CmBot.Bot.Storage;

namespace CmBot.Bot.Triage.Spikes;

/// <summary>Saves what the spike detector learned since the last periodic save when the host stops.</summary>
public sealed partial class SpikeBaselineFlush(IServiceScopeFactory scopes, SpikeBaselineStore store, WriteGate gate, TimeProvider time, ILogger<SpikeBaselineFlush> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
                if (await store.StageAsync(db, time.GetUtcNow(), cancellationToken) > 0)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the spike baselines at shutdown; the last periodic save stands")]
    private partial void LogFlushFailed(Exception ex);
}
