using System.Data.Common;
using CmBot.Bot.Feeds;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Approvals;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Storage;

/// <summary>A fresh database gets CmBot's tables (migrations) and Quartz's (created when missing) at start.</summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Start_FreshDatabase_MigratesAndCreatesQuartzTablesWithReplayJob(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var host = new CmBotHost(store);

        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.SourceCursors.AnyAsync(c => c.Source == ReplayFeed.SourceName && c.LastSuccessAt != null, ct)),
            ran => ran, TimeSpan.FromSeconds(60), "the replay job to run once", ct);

        var pending = await host.QueryAsync(db => db.Database.GetPendingMigrationsAsync(ct));
        Assert.Empty(pending);
        Assert.Equal(1L, await ScalarAsync(host, "SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = 'replay'", ct));
        if (provider == TestStore.Sqlite)
        {
            Assert.Equal("wal", await host.QueryAsync(async db => (string)(await ScalarObjectAsync(db, "PRAGMA journal_mode", ct))!));
        }
        else
        {
            // Only a clustered scheduler checks in to the scheduler-state table.
            Assert.True(await ScalarAsync(host, "SELECT COUNT(*) FROM qrtz_scheduler_state", ct) >= 1);
        }
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Draft_WithApprovals_RoundTrips(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        var camille = new Person("camille", "Camille", [Role.CommunityManager]);
        var ines = new Person("ines", "Inès", [Role.Legal]);
        var now = new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero);
        var draft = Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Bonjour ! Camille, Lumio", "https://social.example/1", "fr", camille, new ApprovalRequirement([Role.Legal], "legal"), now);
        var approval = draft.Approve(Guid.NewGuid(), ines, "ok", now.AddMinutes(5));
        await host.QueryAsync(async db =>
        {
            db.Drafts.Add(draft);
            db.Approvals.Add(approval);
            return await db.SaveChangesAsync(ct);
        });

        var loaded = await host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(ct));

        Assert.Equal(draft.TextSha256, loaded.TextSha256);
        Assert.Equal(DraftStatus.Approved, loaded.Status);
        var stored = Assert.Single(loaded.Approvals);
        Assert.Equal(now.AddMinutes(5), stored.At);
        Assert.Equal(ApprovalDecision.Approved, stored.Decision);
        Assert.True(stored.Valid);
    }

    private static Task<long> ScalarAsync(CmBotHost host, string sql, CancellationToken ct) =>
        host.QueryAsync(async db => Convert.ToInt64(await ScalarObjectAsync(db, sql, ct), System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<object?> ScalarObjectAsync(DbContext db, string sql, CancellationToken ct)
    {
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
