using CmBot.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// The database connection the inbox writer commits through. On PostgreSQL it is the ordinary scoped DbContext. On
/// SQLite it is one dedicated, unpooled connection with <c>synchronous=NORMAL</c>.
/// </summary>
/// <remarks>
/// Why NORMAL: in WAL mode a FULL commit waits for an fsync of the WAL (about 4 ms on this class of disk), which alone
/// would exceed the acknowledgement budget at the p99. With NORMAL a commit is written to the WAL without waiting for
/// the disk: it survives a crash or kill of CmBot (the OS holds the pages) and the database can never be corrupted,
/// but a power cut or kernel crash in the following moments can roll back the last commits, i.e. deliveries Slack was
/// already told we had. The WAL is synced at each checkpoint and by every FULL commit of the other connections. The
/// setting is confined to this connection (pooling off) so the rest of CmBot keeps full durability.
/// </remarks>
public sealed class SlackInboxStore : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SqliteConnection? _connection;
    private readonly DbContextOptions<SqliteCmBotDbContext>? _sqlite;

    private SlackInboxStore(IServiceScopeFactory scopes, SqliteConnection? connection)
    {
        _scopes = scopes;
        _connection = connection;
        if (connection is not null)
        {
            _sqlite = new DbContextOptionsBuilder<SqliteCmBotDbContext>().UseSqlite(connection).Options;
        }
    }

    public static async Task<SlackInboxStore> OpenAsync(DatabaseConnection database, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider != StorageProvider.Sqlite)
        {
            return new SlackInboxStore(scopes, null);
        }

        var builder = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new SlackInboxStore(scopes, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A DbContext for one batch; dispose it when the batch is committed.</summary>
    public Lease Open()
    {
        if (_sqlite is not null)
        {
            return new Lease(new SqliteCmBotDbContext(_sqlite), null);
        }

        var scope = _scopes.CreateAsyncScope();
        return new Lease(scope.ServiceProvider.GetRequiredService<CmBotDbContext>(), scope);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    public readonly struct Lease(CmBotDbContext db, AsyncServiceScope? scope) : IAsyncDisposable
    {
        public CmBotDbContext Db { get; } = db;

        public async ValueTask DisposeAsync()
        {
            if (scope is { } owned)
            {
                await owned.DisposeAsync();
            }
            else
            {
                await Db.DisposeAsync();
            }
        }
    }
}
