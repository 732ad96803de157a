using System.Data.Common;
using CmBot.Bot.Jobs;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Impl.AdoJobStore.Common;

namespace CmBot.Bot.Tests.Storage;

/// <summary>
/// Quartz's job store opens its own SQLite connections; they must carry the same <c>synchronous</c> level and busy
/// timeout as CmBot's, or each trigger it fires holds the write lock through an fsync while the Slack inbox waits.
/// </summary>
public sealed class SqliteJobStoreConnectionTests
{
    private static async Task<(long Synchronous, long BusyTimeout)> PragmasAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        var synchronous = (long)(await command.ExecuteScalarAsync(ct))!;
        command.CommandText = "PRAGMA busy_timeout;";
        var busy = (long)(await command.ExecuteScalarAsync(ct))!;
        return (synchronous, busy);
    }

    private static async Task<(long Synchronous, long BusyTimeout)> QuartzPragmasAsync(CmBotHost host, CancellationToken ct)
    {
        // The provider Quartz's job store resolves for the default scheduler.
        var provider = host.Services.GetRequiredService<IDbProvider>();
        Assert.IsType<SqliteJobStoreDbProvider>(provider);
        await using var connection = provider.CreateConnection();
        await connection.OpenAsync(ct);
        return await PragmasAsync(connection, ct);
    }

    [Fact]
    public async Task Host_Default_QuartzConnectionsUseNormalAndABusyTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);

        var (synchronous, busy) = await QuartzPragmasAsync(host, ct);

        Assert.Equal(1, synchronous); // NORMAL
        Assert.Equal(SqliteConnectionSettings.BusyTimeoutMilliseconds, busy);
    }

    [Fact]
    public async Task Host_Full_QuartzConnectionsWaitForTheDiskLikeCmBots()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false"), new("Storage:SqliteDurability", "Full")]);

        var (synchronous, busy) = await QuartzPragmasAsync(host, ct);

        Assert.Equal(2, synchronous); // FULL
        Assert.Equal(SqliteConnectionSettings.BusyTimeoutMilliseconds, busy);
    }

    [Fact]
    public async Task Host_Default_SchedulerRunsOnThePersistentStore()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        var job = JobBuilder.Create<NoOpJob>().WithIdentity("probe", "tests").StoreDurably().Build();

        // A write through the provider's connections, read back through them.
        await scheduler.AddJob(job, new AddJobOptions(), ct);

        Assert.True((await scheduler.GetMetadata(ct)).JobStorePersistent);
        Assert.NotNull(await scheduler.GetJobDetail(job.Key, ct));
    }

    [Fact]
    public async Task CreateConnection_Reopened_KeepsTheSettings()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Path.GetTempPath(), $"cmbot-jobstore-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        var provider = new SqliteJobStoreDbProvider(new DatabaseConnection(StorageProvider.Sqlite, connectionString, SqliteDurability.Normal));
        try
        {
            await using var connection = provider.CreateConnection();
            await connection.OpenAsync(ct);
            await connection.CloseAsync();
            await connection.OpenAsync(ct);

            var (synchronous, busy) = await PragmasAsync(connection, ct);

            Assert.Equal(1, synchronous);
            Assert.Equal(SqliteConnectionSettings.BusyTimeoutMilliseconds, busy);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed class NoOpJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
