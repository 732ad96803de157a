using System.Data.Common;
using CmBot.Bot.Storage;
using Quartz.Impl.AdoJobStore.Common;

namespace CmBot.Bot.Jobs;

/// <summary>
/// Quartz's connections to the SQLite database, set up like CmBot's own (<see cref="SqliteConnectionSettings"/>):
/// the configured <c>synchronous</c> level and a busy timeout. Left to Quartz, they ran at SQLite's default
/// <c>synchronous=FULL</c>: each trigger fired or scheduled then held the database's single write lock through an
/// fsync (2–4 ms), and the Slack inbox's group commit, meeting the lock, backed off in SQLite's busy-handler steps
/// (1, 2, 5, 10, 15 ms…), which turned a few milliseconds into 18–55 ms pauses of the acknowledgements.
/// </summary>
public sealed class SqliteJobStoreDbProvider(DatabaseConnection database)
    : DbProvider(ProviderName, (database ?? throw new ArgumentNullException(nameof(database))).ConnectionString)
{
    /// <summary>Quartz's name for the Microsoft.Data.Sqlite driver (what <c>UseSqlite</c> selects).</summary>
    public const string ProviderName = "SQLite-Microsoft";

    private readonly SqliteDurability _durability = database.Durability;
    private readonly SqliteConnectionSettings.AppliedHandles _applied = new();

    public override DbConnection CreateConnection()
    {
        var connection = base.CreateConnection();
        SqliteConnectionSettings.ApplyOnOpen(connection, _durability, _applied);
        return connection;
    }
}
