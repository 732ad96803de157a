using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Storage;

/// <summary>
/// Every connection the DbContext opens carries the configured <c>synchronous</c> level and a busy timeout, so a
/// writer that meets another one waits inside SQLite instead of the provider's 150 ms retry.
/// </summary>
public sealed class SqliteDurabilityTests
{
    private static async Task<(long Synchronous, long BusyTimeout)> PragmasAsync(CmBotHost host, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            var synchronous = (long)(await command.ExecuteScalarAsync(ct))!;
            command.CommandText = "PRAGMA busy_timeout;";
            var busy = (long)(await command.ExecuteScalarAsync(ct))!;
            return (synchronous, busy);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task Default_ConnectionsUseNormalAndABusyTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);

        var (synchronous, busy) = await PragmasAsync(host, ct);

        Assert.Equal(1, synchronous); // NORMAL
        Assert.Equal(30_000, busy);
    }

    [Fact]
    public async Task Full_ConnectionsWaitForTheDiskOnEveryCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false"), new("Storage:SqliteDurability", "Full")]);

        var (synchronous, _) = await PragmasAsync(host, ct);

        Assert.Equal(2, synchronous); // FULL
    }

    [Fact]
    public async Task Default_CommitsLeaveCheckpointsToTheBackground()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            Assert.Equal(SqliteCheckpointer.SafetyNetPages, (long)(await command.ExecuteScalarAsync(ct))!);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task Checkpoint_AfterCommits_DatabaseFileHoldsThemWithoutTheLog()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        await host.QueryAsync(async db =>
        {
            db.SourceCursors.AddRange(Enumerable.Range(1, 50).Select(i => new SourceCursor { Source = $"checkpoint-{i}" }));
            return await db.SaveChangesAsync(ct);
        });

        await host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SqliteCheckpointer>().Single().CheckpointAsync(ct);

        // The main file alone (no -wal next to the copy) has the rows: they were copied out of the log.
        var copy = Path.Combine(store.DataFolder, "copy.db");
        File.Copy(Path.Combine(store.DataFolder, "cmbot.db"), copy);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync(ct);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM source_cursors WHERE Source LIKE 'checkpoint-%';";
        Assert.Equal(50L, (long)(await count.ExecuteScalarAsync(ct))!);
    }
}
