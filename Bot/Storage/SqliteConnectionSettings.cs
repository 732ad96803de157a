using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CmBot.Bot.Storage;

/// <summary>
/// The per-connection SQLite settings every connection to CmBot's database gets, whoever opens it: the DbContext
/// (<see cref="SqliteDurabilityInterceptor"/>) and Quartz's job store (<see cref="Jobs.SqliteJobStoreDbProvider"/>).
/// They must agree: a single connection left at SQLite's default <c>synchronous=FULL</c> holds the database's one
/// write lock through an fsync on each of its commits, and every other writer waits behind it.
/// </summary>
public static class SqliteConnectionSettings
{
    /// <summary>How long a writer that meets another one waits inside SQLite before giving up with "database is locked".</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>The value <c>PRAGMA synchronous</c> reads back for <paramref name="durability"/> (NORMAL 1, FULL 2).</summary>
    public static long SynchronousValue(SqliteDurability durability) => durability == SqliteDurability.Full ? 2 : 1;

    /// <summary>
    /// The statements that apply the settings to a connection just opened. <c>wal_autocheckpoint</c> is raised on
    /// every connection so that no commit, CmBot's or Quartz's, copies the log into the database file (and waits for
    /// the disk) while holding the write lock: <see cref="SqliteCheckpointer"/> does it in the background, and a
    /// commit only as a safety net past <see cref="SqliteCheckpointer.SafetyNetPages"/> pages.
    /// </summary>
    public static string Pragmas(SqliteDurability durability) =>
        (durability == SqliteDurability.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;") +
        $" PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA wal_autocheckpoint={SqliteCheckpointer.SafetyNetPages};";

    /// <summary>
    /// Applies the settings each time <paramref name="connection"/> opens on a database handle that does not have them
    /// yet (<paramref name="applied"/> remembers them). For connections CmBot does not open itself.
    /// </summary>
    public static void ApplyOnOpen(DbConnection connection, SqliteDurability durability, AppliedHandles applied)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(applied);
        var pragmas = Pragmas(durability);
        connection.StateChange += (sender, change) =>
        {
            if (change.CurrentState == ConnectionState.Open && sender is DbConnection opened && applied.IsNew(opened))
            {
                using var command = opened.CreateCommand();
                command.CommandText = pragmas;
                command.ExecuteNonQuery();
                applied.Applied(opened);
            }
        };
    }

    /// <summary>
    /// The database handles that have the settings. They belong to the handle, and a pooled connection keeps its handle
    /// from one open to the next: with one open per query, setting them again at every open was three statements
    /// parsed and run before each of a new alert's queries. A handle closed for good is never reused (the next one is a
    /// new object), and the table holds none alive.
    /// </summary>
    public sealed class AppliedHandles
    {
        private readonly ConditionalWeakTable<object, object> _handles = [];

        /// <summary>Whether <paramref name="connection"/>'s handle still needs the settings.</summary>
        public bool IsNew(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || !_handles.TryGetValue(handle, out _);

        /// <summary>The settings were applied to <paramref name="connection"/>'s handle.</summary>
        public void Applied(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
            {
                _handles.AddOrUpdate(handle, handle);
            }
        }
    }
}
