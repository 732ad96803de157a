using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Escalation;

/// <summary>
/// Two hosts share one PostgreSQL database (Quartz clustered on it, the outbox claimed with compare-and-set):
/// every escalation step of every incident fires exactly once, whichever instance picks it up.
/// </summary>
public sealed class EscalationClusterTests
{
    private const int Incidents = 3;
    private const int Steps = 5;

    [Fact]
    public async Task TwoInstances_SharedPostgres_EveryStepFiresExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Postgres, ct);
        KeyValuePair<string, string?>[] shared =
        [
            new("CmBot:EscalationFile", EscalationKit.WriteLadder(store.DataFolder, ["0s=channel:alerts", "2s=channel:alerts", "4s=role:lead", "6s=channel:alerts", "8s=channel:legal"])),
            new("Feeds:Replay:File", EscalationKit.WriteReplay(store.DataFolder, Incidents)),
            new("Feeds:Replay:IntervalSeconds", "1"),
            new("Scheduling:SchedulerName", "CmBotEscalationCluster"),
        ];
        await using var first = new CmBotHost(store, shared);
        await first.QueryAsync(db => db.Incidents.CountAsync(ct));
        await using var second = new CmBotHost(store, shared);
        await second.QueryAsync(db => db.Incidents.CountAsync(ct));

        await Eventually.TrueAsync(
            () => first.QueryAsync(db => EscalationKit.FiredAsync(db, ct)),
            f => f.Count >= Incidents * Steps,
            TimeSpan.FromSeconds(60),
            "every step of every incident to fire",
            ct);
        await Task.WhenAll(first.WaitForOutboxAsync(ct), second.WaitForOutboxAsync(ct));
        await Task.Delay(1000, ct);

        var fired = await first.QueryAsync(db => EscalationKit.FiredAsync(db, ct));
        Assert.Equal(Incidents * Steps, fired.Count);
        Assert.All(fired.GroupBy(f => f.IncidentId), g => Assert.Equal([0, 1, 2, 3, 4], g.Select(f => f.Sequence).Order()));
        Assert.Equal(Incidents * Steps, await first.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.EscalationStepFired, ct)));
        var notes = await first.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId != null && m.CardJson.Contains("Escalation")).CountAsync(ct));
        Assert.True(notes >= Incidents * Steps, $"{notes} notes");
        var hugo = await first.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.Channel == "@hugo" && m.ThreadId == null).ToListAsync(ct));
        Assert.Equal(Incidents, hugo.Count(m => !m.CardJson.Contains("Escalation", StringComparison.Ordinal))); // each incident's card once to the lead
        var audit = await first.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
        Assert.Null(AuditChain.FirstBreak(audit));
        var outbox = await first.QueryAsync(db => db.Outbox.AsNoTracking().Select(o => o.IdempotencyKey).ToListAsync(ct));
        Assert.Equal(outbox.Count, outbox.Distinct().Count());
    }
}
