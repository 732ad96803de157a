using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Storage;

/// <summary>
/// Two writers that share neither a <see cref="WriteGate"/> nor the PostgreSQL chain lock (two processes on one SQLite
/// file; on PostgreSQL, an instance of an older version during a rolling upgrade) take the same audit sequence: the
/// table refuses the second save, and <see cref="AuditLog.RechainAsync"/>, the outbox sender's safety net, chains its
/// events after the first writer's so that the save goes through and the chain stays unbroken. On PostgreSQL the
/// lock keeps this from happening at all (<see cref="AuditChainLockTests"/>).
/// </summary>
public sealed class AuditRechainTests
{
    [Fact]
    public async Task Rechain_AnotherWriterTookTheSequence_ChainedAfterItAndSaved()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        await host.QueryAsync(db => db.AuditEvents.CountAsync(ct));
        using var mine = host.Services.CreateScope();
        using var theirs = host.Services.CreateScope();
        var myDb = mine.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var theirDb = theirs.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var myAudit = mine.ServiceProvider.GetRequiredService<AuditLog>();

        await myAudit.AppendAsync("u1", "test.mine", "incident", "1", null, ct);
        await theirs.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync("u2", "test.theirs", "incident", "2", null, ct);
        await theirDb.SaveChangesAsync(ct);

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => myDb.SaveChangesAsync(ct));
        Assert.True(await myAudit.RechainAsync(ct));
        await myDb.SaveChangesAsync(ct);

        var chain = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
        Assert.Null(AuditChain.FirstBreak(chain));
        var theirsAt = chain.FindIndex(e => e.Action == "test.theirs");
        var mineAt = chain.FindIndex(e => e.Action == "test.mine");
        Assert.True(theirsAt >= 0 && mineAt > theirsAt, $"theirs at {theirsAt}, mine at {mineAt}");
        Assert.False(await myAudit.RechainAsync(ct));
    }
}
