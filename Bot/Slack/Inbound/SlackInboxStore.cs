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
/// The inbox writer's own database connection, kept open, and its insert: one prepared statement run per row inside
/// one transaction per batch (EF's change tracking cost more CPU per request than everything else on the path). The
/// statement is built from the EF model, so column names and value conversions stay those of the migrations. Rarer
/// work (dedup lookups, the processor's bookkeeping) goes through a DbContext on the same connection.
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
/// writer instead. <c>busy_timeout</c> lets SQLite wait for another writer in short steps; without it the ADO.NET
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
    private readonly Column[] _columns;
    private readonly string _insertSql;
    private DbCommand? _insert;

    private SlackInboxStore(DatabaseConnection database, DbConnection connection)
    {
        _database = database;
        _connection = connection;
        _options = database.Provider == StorageProvider.Sqlite
            ? new DbContextOptionsBuilder<SqliteCmBotDbContext>().UseSqlite(connection).Options
            : new DbContextOptionsBuilder<PostgresCmBotDbContext>().UseNpgsql(connection).Options;
        using var db = CreateContext();
        (_insertSql, _columns) = BuildInsert(db);
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

        if (_insert is not null)
        {
            await _insert.DisposeAsync();
            _insert = null;
        }

        await _connection.CloseAsync();
        await _connection.OpenAsync(cancellationToken);
        if (_database.Provider == StorageProvider.Sqlite)
        {
            await using var pragmas = _connection.CreateCommand();
            pragmas.CommandText = SqlitePragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Inserts the rows in one transaction; throws (after rolling back) if any is refused, e.g. a unique key.</summary>
    public async Task InsertAsync(IReadOnlyList<SlackInboxItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        await using var transaction = await _connection.BeginTransactionAsync(CancellationToken.None);
        var insert = PreparedInsert();
        insert.Transaction = transaction;
        foreach (var item in items)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                insert.Parameters[i].Value = _columns[i].Read(item);
            }

            await insert.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private DbCommand PreparedInsert()
    {
        if (_insert is not null)
        {
            return _insert;
        }

        var command = _connection.CreateCommand();
        command.CommandText = _insertSql;
        for (var i = 0; i < _columns.Length; i++)
        {
            // The provider's own parameter set-up (type name, size), as EF does for the same column.
            command.Parameters.Add(_columns[i].Mapping.CreateParameter(command, $"@p{i}", null, nullable: true));
        }

        // Both providers keep the statement compiled while the command lives (SQLite caches it per command).
        return _insert = command;
    }

    private static (string Sql, Column[] Columns) BuildInsert(CmBotDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(SlackInboxItem)) ?? throw new InvalidOperationException("SlackInboxItem is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select(p => new Column(p.GetColumnName(table)!, p.PropertyInfo!, p.GetRelationalTypeMapping()))
            .ToArray();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
                   $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        return (text, columns);
    }

    private sealed record Column(string Name, System.Reflection.PropertyInfo Property, RelationalTypeMapping Mapping)
    {
        public object Read(SlackInboxItem item)
        {
            var value = Property.GetValue(item);
            return (Mapping.Converter is null || value is null ? value : Mapping.Converter.ConvertToProvider(value)) ?? DBNull.Value;
        }
    }
}
