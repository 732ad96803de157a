using System.Data;
using System.Data.Common;
using CmBot.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// A dedicated, always-open database connection for the inbox (one for the writer, one for the processor's reads),
/// running <see cref="SlackInboxSql"/>'s prepared statements: a batch's inserts and bookkeeping in one transaction.
/// EF's per-call work (context, change tracking, query cache) cost more CPU per request than everything else on the
/// acknowledgement path; the rare checked path (telling retries from replays) still uses a DbContext on this connection.
/// </summary>
/// <remarks>
/// SQLite settings of this connection only (pooling off, so they never leak to the rest of CmBot):
/// <para>
/// <c>synchronous=NORMAL</c>: in WAL mode a FULL commit waits for an fsync of the WAL (about 4 ms on this class of
/// disk), which alone would exceed the acknowledgement budget at the p99. With NORMAL a commit is written to the WAL
/// without waiting for the disk: it survives a crash or kill of CmBot (the OS holds the pages) and the database can
/// never be corrupted, but a power cut or kernel crash in the following moments can roll back the last commits, i.e.
/// deliveries Slack was already told we had. The WAL is synced at each checkpoint and by every FULL commit of the
/// other connections.
/// </para>
/// <para>
/// <c>wal_autocheckpoint=0</c>: an automatic checkpoint runs inside the commit that crosses the threshold and would
/// hold up every request of that batch for two disk flushes; <see cref="SlackInboxCheckpointer"/> does it beside the
/// writer instead. A writer that meets another one (Quartz's trigger transactions, EF's saves) waits in millisecond steps
/// (<see cref="SqliteBusyWait"/>) rather than <c>busy_timeout</c>'s 1, 2, 5, 10, 15… ms, which turned a lock held a few
/// milliseconds into 18–55 ms acknowledgements; <c>busy_timeout</c> stays as the fallback. Without either, the ADO.NET
/// provider retries a busy database only every 150 ms.
/// </para>
/// PostgreSQL keeps its defaults (synchronous commit): group commit already spreads the flush over the batch.
/// </remarks>
public sealed class SlackInboxStore : IAsyncDisposable
{
    private const string SqlitePragmas = "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA busy_timeout=10000;";

    private readonly DatabaseConnection _database;
    private readonly DbConnection _connection;
    private readonly DbContextOptions _options;
    private readonly SlackInboxSql _sql;
    private readonly Dictionary<SlackInboxSql.Statement, DbCommand> _commands = [];

    private SlackInboxStore(DatabaseConnection database, DbConnection connection)
    {
        _database = database;
        _connection = connection;
        _options = database.Provider == StorageProvider.Sqlite
            ? new DbContextOptionsBuilder<SqliteCmBotDbContext>().UseSqlite(connection).Options
            : new DbContextOptionsBuilder<PostgresCmBotDbContext>().UseNpgsql(connection).Options;
        using var db = CreateContext();
        _sql = new SlackInboxSql(db);
    }

    public static async Task<SlackInboxStore> OpenAsync(DatabaseConnection database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        DbConnection connection = database.Provider == StorageProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString())
            : new NpgsqlConnection(database.ConnectionString);
        var store = new SlackInboxStore(database, connection);
        try
        {
            await store.EnsureOpenAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>SQLite: whether the connection waits for another writer in millisecond steps (<see cref="SqliteBusyWait"/>).</summary>
    public bool BusyWaitInstalled { get; private set; }

    /// <summary>A DbContext on this connection (it does not own it); dispose it after use.</summary>
    public CmBotDbContext CreateContext() => _database.Provider == StorageProvider.Sqlite
        ? new SqliteCmBotDbContext((DbContextOptions<SqliteCmBotDbContext>)_options)
        : new PostgresCmBotDbContext((DbContextOptions<PostgresCmBotDbContext>)_options);

    /// <summary>Reopens the connection if the server dropped it (PostgreSQL restart, network).</summary>
    public async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_connection.State == ConnectionState.Open)
        {
            return;
        }

        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
        await _connection.CloseAsync();
        await _connection.OpenAsync(cancellationToken);
        if (_database.Provider == StorageProvider.Sqlite)
        {
            await using var pragmas = _connection.CreateCommand();
            pragmas.CommandText = SqlitePragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);

            // Replaces busy_timeout's growing sleeps (see SqliteBusyWait); busy_timeout stays if it cannot.
            BusyWaitInstalled = SqliteBusyWait.TryInstall((SqliteConnection)_connection);
        }
    }

    /// <summary>
    /// Inserts the items and applies the changes in one transaction; throws (after rolling back) if anything is
    /// refused, e.g. a unique key. Each change's <see cref="SlackInboxPending.Changed"/> gets its row count.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<SlackInboxItem> items, IReadOnlyList<SlackInboxPending> changes)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(changes);
        await using var transaction = await _connection.BeginTransactionAsync(CancellationToken.None);
        if (items.Count > 0)
        {
            var insert = Command(_sql.Insert, transaction);
            foreach (var item in items)
            {
                SlackInboxSql.Bind(insert, _sql.Insert, item);
                await insert.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        foreach (var pending in changes)
        {
            pending.Changed = await ApplyAsync(pending.Change!, transaction);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>The pending items, clicks first then in arrival order, at most a processor batch.</summary>
    public async Task<List<SlackInboxItem>> ReadPendingAsync(CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken);
        var select = Command(_sql.SelectPending, null);
        _sql.SelectPending.Set(select, SlackPayloadKind.Interactivity);
        var items = new List<SlackInboxItem>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(_sql.Read(reader));
        }

        return items;
    }

    /// <summary>The id of the first item received at or after <paramref name="at"/>; null when all are older.</summary>
    public async Task<long?> FirstIdSinceAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken);
        var select = Command(_sql.FirstIdSince, null);
        _sql.FirstIdSince.Set(select, at);
        return await select.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull
            ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private async Task<int> ApplyAsync(SlackInboxChange change, DbTransaction transaction)
    {
        switch (change)
        {
            case SlackInboxMarkDone done:
                var markDone = Command(_sql.MarkDone, transaction);
                var count = 0;
                foreach (var id in done.Ids)
                {
                    _sql.MarkDone.Set(markDone, SlackInboxState.Done, done.At, id);
                    count += await markDone.ExecuteNonQueryAsync(CancellationToken.None);
                }

                return count;
            case SlackInboxRecordFailure failure:
                var record = Command(_sql.RecordFailure, transaction);
                _sql.RecordFailure.Set(record, failure.State, failure.Attempts, failure.At, failure.Error, failure.Id);
                return await record.ExecuteNonQueryAsync(CancellationToken.None);
            case SlackInboxClaim claim:
                var take = Command(_sql.Claim, transaction);
                foreach (var id in claim.Ids)
                {
                    _sql.Claim.Set(take, claim.At, id);
                    if (await take.ExecuteNonQueryAsync(CancellationToken.None) == 1)
                    {
                        claim.Claimed.Add(id);
                    }
                }

                return claim.Claimed.Count;
            case SlackInboxRelease released:
                var putBack = Command(_sql.Release, transaction);
                var back = 0;
                foreach (var id in released.Ids)
                {
                    _sql.Release.Set(putBack, id);
                    back += await putBack.ExecuteNonQueryAsync(CancellationToken.None);
                }

                return back;
            case SlackInboxReclaim reclaim:
                var release = Command(_sql.Reclaim, transaction);
                _sql.Reclaim.Set(release, reclaim.ClaimedBefore);
                return await release.ExecuteNonQueryAsync(CancellationToken.None);
            case SlackInboxTrim trim:
                var delete = Command(_sql.Trim, transaction);
                _sql.Trim.Set(delete, trim.BeforeId);
                return await delete.ExecuteNonQueryAsync(CancellationToken.None);
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown inbox change.");
        }
    }

    /// <summary>The statement's command, prepared once per connection (both providers then reuse the compiled statement).</summary>
    private DbCommand Command(SlackInboxSql.Statement statement, DbTransaction? transaction)
    {
        if (!_commands.TryGetValue(statement, out var command))
        {
            command = statement.Create(_connection);
            _commands[statement] = command;
        }

        command.Transaction = transaction;
        return command;
    }
}
