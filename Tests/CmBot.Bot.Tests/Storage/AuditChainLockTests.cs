using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Storage;

/// <summary>
/// <see cref="PostgresAuditChain"/>: on PostgreSQL a save with new audit events takes the cluster-wide lock before it
/// reads the chain head, so writers that share no <see cref="WriteGate"/> (other instances) never take the same
/// sequence and never need <see cref="AuditLog.RechainAsync"/>. Contexts here are created by hand, without a host or
/// a gate, like two processes.
/// </summary>
public sealed class AuditChainLockTests
{
    [Fact]
    public async Task Save_AnotherTransactionHoldsTheLock_WaitsAndLinksAfterItsCommittedEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Postgres, ct);
        await using var holder = await ContextAsync(store, migrate: true, ct);
        await using var waiter = await ContextAsync(store, migrate: false, ct);

        // The holder's own transaction: its save takes the lock and keeps it until the commit.
        await using var transaction = await holder.Database.BeginTransactionAsync(ct);
        await Audit(holder).AppendAsync("u1", "test.holder", "incident", "1", null, ct);
        await holder.SaveChangesAsync(ct);

        await Audit(waiter).AppendAsync("u2", "test.waiter", "incident", "2", null, ct);
        var save = waiter.SaveChangesAsync(ct);
        await Task.Delay(750, ct);
        Assert.False(save.IsCompleted, "the waiter's save went ahead while another transaction held the chain");

        await transaction.CommitAsync(ct);
        await save.WaitAsync(TimeSpan.FromSeconds(10), ct);

        var chain = await ChainAsync(store, ct);
        Assert.Equal(["test.holder", "test.waiter"], chain.Select(e => e.Action));
        Assert.Equal([1L, 2L], chain.Select(e => e.Sequence));
        Assert.Null(AuditChain.FirstBreak(chain));
    }

    [Fact]
    public async Task Save_InterleavedAppendsInTwoContexts_SecondSavedAfterFirstWithoutConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Postgres, ct);
        await using var mine = await ContextAsync(store, migrate: true, ct);
        await using var theirs = await ContextAsync(store, migrate: false, ct);

        // The interleaving AuditRechainTests needs the re-chain for: both append before either saves.
        await Audit(mine).AppendAsync("u1", "test.mine", "incident", "1", null, ct);
        await Audit(mine).AppendAsync("u1", "test.mine.2", "incident", "1", null, ct);
        await Audit(theirs).AppendAsync("u2", "test.theirs", "incident", "2", null, ct);
        await theirs.SaveChangesAsync(ct);
        await mine.SaveChangesAsync(ct);

        var chain = await ChainAsync(store, ct);
        Assert.Equal(["test.theirs", "test.mine", "test.mine.2"], chain.Select(e => e.Action));
        Assert.Null(AuditChain.FirstBreak(chain));
        Assert.Empty(PostgresAuditChain.NewEvents(mine));
    }

    [Fact]
    public async Task Save_RefusedForAnotherReason_RolledBackLockReleasedAndLinkedAgainOnRetry()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Postgres, ct);
        await using var failing = await ContextAsync(store, migrate: true, ct);
        await using var other = await ContextAsync(store, migrate: false, ct);
        other.SourceCursors.Add(new SourceCursor { Source = "taken" });
        await other.SaveChangesAsync(ct);

        await Audit(failing).AppendAsync("u1", "test.retried", "incident", "1", null, ct);
        var duplicate = failing.SourceCursors.Add(new SourceCursor { Source = "taken" });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => failing.SaveChangesAsync(ct));

        // The refused save rolled back its transaction: the lock is free and its event was not stored.
        await Audit(other).AppendAsync("u2", "test.other", "incident", "2", null, ct);
        await other.SaveChangesAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        duplicate.State = EntityState.Detached;
        await failing.SaveChangesAsync(ct);

        var chain = await ChainAsync(store, ct);
        Assert.Equal(["test.other", "test.retried"], chain.Select(e => e.Action));
        Assert.Null(AuditChain.FirstBreak(chain));
    }

    [Fact]
    public async Task SaveChanges_Synchronous_LinksAfterTheStoredHead()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Postgres, ct);
        await using var first = await ContextAsync(store, migrate: true, ct);
        await using var second = await ContextAsync(store, migrate: false, ct);
        await Audit(first).AppendAsync("u1", "test.first", "incident", "1", null, ct);
        await Audit(second).AppendAsync("u2", "test.second", "incident", "2", null, ct);
        await first.SaveChangesAsync(ct);

#pragma warning disable CA1849 // the synchronous path is the one under test
        second.SaveChanges();
#pragma warning restore CA1849

        var chain = await ChainAsync(store, ct);
        Assert.Equal(["test.first", "test.second"], chain.Select(e => e.Action));
        Assert.Null(AuditChain.FirstBreak(chain));
    }

    [Fact]
    public async Task Save_EightWritersWithoutAGate_TwoHundredEventsChainedOnceEach()
    {
        const int Writers = 8;
        const int SavesEach = 20;
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Postgres, ct);
        await using (var migrate = await ContextAsync(store, migrate: true, ct))
        {
        }

        // Every third save carries two events (a unit of work that records two decisions): 8 x (20 + 7) = 216.
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(
            async () =>
            {
                for (var i = 0; i < SavesEach; i++)
                {
                    await using var db = await ContextAsync(store, migrate: false, ct);
                    var audit = Audit(db);
                    await audit.AppendAsync($"w{w}", "test.concurrent", "writer", $"{w}:{i}", new { w, i }, ct);
                    if (i % 3 == 0)
                    {
                        await audit.AppendAsync($"w{w}", "test.concurrent.second", "writer", $"{w}:{i}", new { w, i }, ct);
                    }

                    await db.SaveChangesAsync(ct);
                }
            },
            ct));
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30), ct);

        var chain = await ChainAsync(store, ct);
        var expected = Writers * (SavesEach + ((SavesEach + 2) / 3));
        Assert.Equal(expected, chain.Count);
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), chain.Select(e => e.Sequence));
        Assert.Null(AuditChain.FirstBreak(chain));

        // A unit of work's two events stay next to each other: nobody took a sequence between them.
        Assert.All(
            chain.Select((e, i) => (e, i)).Where(x => x.e.Action == "test.concurrent.second"),
            x => Assert.Equal(x.e.SubjectId, chain[x.i - 1].SubjectId));
    }

    private static AuditLog Audit(CmBotDbContext db) => new(db, TimeProvider.System);

    private static async Task<PostgresCmBotDbContext> ContextAsync(TestStore store, bool migrate, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<PostgresCmBotDbContext>().UseNpgsql(store.PostgresConnection).Options;
        var db = new PostgresCmBotDbContext(options);
        if (migrate)
        {
            await db.Database.MigrateAsync(ct);
        }

        return db;
    }

    private static async Task<List<AuditEvent>> ChainAsync(TestStore store, CancellationToken ct)
    {
        await using var db = await ContextAsync(store, migrate: false, ct);
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct);
    }
}
