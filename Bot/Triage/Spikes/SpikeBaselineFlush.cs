using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

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
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out while a mention was being ingested: stopping wins.
            LogFlushSkipped();
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException or ObjectDisposedException)
        {
            LogFlushFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown did not wait for the spike baselines to be saved; the last periodic save stands")]
    private partial void LogFlushSkipped();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the spike baselines at shutdown; the last periodic save stands")]
    private partial void LogFlushFailed(Exception ex);
}
