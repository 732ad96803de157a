using CmBot.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// SQLite only: copies the WAL back into the database file on its own connection, beside the inbox writer, so no
/// request ever waits for a checkpoint (see <see cref="SlackInboxStore"/>). Woken by the writer every
/// <see cref="CommitsPerCheckpoint"/> commits; a passive checkpoint never blocks readers or the writer.
/// </summary>
public sealed partial class SlackInboxCheckpointer(DatabaseConnection database, ILogger<SlackInboxCheckpointer> logger) : BackgroundService
{
    /// <summary>About 3 MB of WAL at the inbox's typical commit size.</summary>
    public const int CommitsPerCheckpoint = 100;

    private readonly SemaphoreSlim _due = new(0, 1);
    private int _commits;

    /// <summary>Called by the writer after each commit.</summary>
    public void Committed()
    {
        if (database.Provider == StorageProvider.Sqlite && Interlocked.Increment(ref _commits) >= CommitsPerCheckpoint)
        {
            Interlocked.Exchange(ref _commits, 0);
            if (_due.CurrentCount == 0)
            {
                try
                {
                    _due.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already due.
                }
            }
        }
    }

    public override void Dispose()
    {
        _due.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != StorageProvider.Sqlite)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(stoppingToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _due.WaitAsync(stoppingToken);
                await command.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SqliteException ex)
            {
                // The next commits try again; meanwhile the WAL only grows.
                LogCheckpointFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of the SQLite WAL failed; retried after the next commits")]
    private partial void LogCheckpointFailed(Exception exception);
}
