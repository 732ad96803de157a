using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace CmBot.Bot.Tests.Storage;

/// <summary>
/// The inbox's busy handler: retries in millisecond steps instead of <c>busy_timeout</c>'s growing sleeps, and gives
/// up after <see cref="SqliteBusyWait.MaxWaitMilliseconds"/>.
/// </summary>
public sealed class SqliteBusyWaitTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cmbot-busy-{Guid.NewGuid():N}.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString();

    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Fact]
    public void OnBusy_WithinTheLimit_TriesAgain()
    {
        Assert.Equal(1, SqliteBusyWait.OnBusy(IntPtr.Zero, 0));
        Assert.Equal(1, SqliteBusyWait.OnBusy(IntPtr.Zero, 5));
    }

    [Fact]
    public void OnBusy_PastTheLimit_GivesUp()
    {
        Assert.Equal(0, SqliteBusyWait.OnBusy(IntPtr.Zero, SqliteBusyWait.MaxWaitMilliseconds + 3));
    }

    [Fact]
    public async Task TryInstall_WriterBlockedLongerThanItsCommandTimeout_WaitsInsideSqliteAndCommits()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var holder = new SqliteConnection(ConnectionString);
        await holder.OpenAsync(ct);
        await using (var setup = holder.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (v INTEGER);";
            await setup.ExecuteNonQueryAsync(ct);
        }

        await using var waiter = new SqliteConnection(ConnectionString);
        await waiter.OpenAsync(ct);
        Assert.True(SqliteBusyWait.TryInstall(waiter));

        // Without the handler, Microsoft.Data.Sqlite would retry every 150 ms and give up with "database is locked"
        // once the 1 s command timeout is over; with it, SQLite itself waits until the holder commits.
        await using var transaction = await holder.BeginTransactionAsync(ct);
        await using (var hold = holder.CreateCommand())
        {
            hold.Transaction = (SqliteTransaction)transaction;
            hold.CommandText = "INSERT INTO t VALUES (1);";
            await hold.ExecuteNonQueryAsync(ct);
        }

        var write = Task.Run(
            () =>
            {
                using var insert = waiter.CreateCommand();
                insert.CommandTimeout = 1;
                insert.CommandText = "INSERT INTO t VALUES (2);";
                return insert.ExecuteNonQuery();
            },
            ct);
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        await transaction.CommitAsync(ct);

        Assert.Equal(1, await write);
        await using var count = holder.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t;";
        Assert.Equal(2L, await count.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task InboxStore_Sqlite_InstallsTheHandler()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SlackInboxStore.OpenAsync(new DatabaseConnection(StorageProvider.Sqlite, ConnectionString), ct);

        Assert.True(store.BusyWaitInstalled);
    }
}
