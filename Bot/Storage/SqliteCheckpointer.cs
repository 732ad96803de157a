using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background. Left to SQLite, the commit that
/// grows the log past 1,000 pages does it itself, and with <c>synchronous=NORMAL</c> that is where the disk is
/// flushed: every few dozen incidents one alert's commit took 40 to 200 ms (the benchmark's p99). CmBot's own
/// connections now leave that to this service (a passive checkpoint never blocks a writer or a reader) and checkpoint
/// in a commit only as a safety net, when the log reaches <see cref="SafetyNetPages"/> pages.
/// </summary>
public sealed partial class SqliteCheckpointer(IServiceScopeFactory scopes, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is copied back: a few hundred pages at most at a busy rate.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>The log size (pages of 4 KB) at which a commit checkpoints anyway, should this service lag or stop.</summary>
    public const int SafetyNetPages = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, time, stoppingToken);
                await CheckpointAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (DbException ex)
            {
                // The next round tries again; meanwhile the safety net bounds the log.
                LogFailed(ex);
            }
        }
    }

    /// <summary>One passive checkpoint: copies what no reader still needs, waits for nobody.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; retrying at the next round")]
    private partial void LogFailed(Exception exception);
}
