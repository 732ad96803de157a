using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CmBot.Bot.Storage;

/// <summary>
/// Sets two per-connection SQLite settings on every connection CmBot's DbContext opens:
/// <list type="bullet">
/// <item><c>synchronous</c>: in WAL mode, <see cref="SqliteDurability.Normal"/> makes a commit a write to the log
/// without waiting for the disk (a crash or <c>kill -9</c> of CmBot loses nothing, a power cut may lose the last
/// moments); <see cref="SqliteDurability.Full"/> waits for an fsync on every commit.</item>
/// <item><c>busy_timeout</c>: a writer that finds another one committing waits inside SQLite, which retries within a
/// millisecond or two. Without it, Microsoft.Data.Sqlite retries a busy statement only every 150 ms, which is what
/// an alert would wait whenever an ingest and the outbox sender commit at the same moment.</item>
/// <item><c>wal_autocheckpoint</c>: raised so that commits leave checkpoints to <see cref="SqliteCheckpointer"/>
/// (a commit that checkpoints waits for the disk), keeping one in a commit only as a safety net.</item>
/// </list>
/// Quartz's connections get the same settings (<see cref="SqliteConnectionSettings"/>). They are set once per database
/// handle, not at every open of a pooled connection (<see cref="SqliteConnectionSettings.AppliedHandles"/>).
/// </summary>
public sealed class SqliteDurabilityInterceptor(SqliteDurability durability) : DbConnectionInterceptor
{
    private readonly string _pragma = SqliteConnectionSettings.Pragmas(durability);
    private readonly SqliteConnectionSettings.AppliedHandles _applied = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!_applied.IsNew(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
        _applied.Applied(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!_applied.IsNew(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _applied.Applied(connection);
        }
    }
}
