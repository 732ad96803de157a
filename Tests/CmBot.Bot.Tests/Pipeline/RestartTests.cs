using CmBot.Bot.Feeds;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Pipeline;

/// <summary>Stopping and starting the host on the same database keeps the work and does not alert twice.</summary>
public sealed class RestartTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Restart_SameDatabase_KeepsStateAndDoesNotRealert(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        string incidentId;
        int auditBefore;
        int outboxBefore;
        await using (var first = new CmBotHost(store))
        {
            await first.WaitForReplayAsync(ct);
            incidentId = (await first.QueryAsync(db => db.Incidents.SingleAsync(ct))).Id.ToString();
            Assert.Equal(200, (await first.ActAsync("camille", ActionVerbs.Acknowledge, incidentId)).Status);
            Assert.Equal(200, (await first.ActAsync("camille", ActionVerbs.Draft, incidentId)).Status);
            await first.WaitForOutboxAsync(ct);
            auditBefore = await first.QueryAsync(db => db.AuditEvents.CountAsync(ct));
            outboxBefore = await first.QueryAsync(db => db.Outbox.CountAsync(ct));
        }

        if (provider == TestStore.Sqlite)
        {
            Assert.True(File.Exists(Path.Combine(store.DataFolder, "cmbot.db")), "the SQLite file lives in the configured data folder");
        }

        await using var second = new CmBotHost(store);
        var restartedAt = DateTimeOffset.UtcNow;
        _ = second.Services; // starts the host: storage, Quartz, outbox

        // The replay job runs at start; wait until it has checked the feed again, then compare.
        await Eventually.TrueAsync(
            () => second.QueryAsync(db => db.SourceCursors.AsNoTracking().SingleAsync(c => c.Source == ReplayFeed.SourceName, ct)),
            cursor => cursor.LastSuccessAt >= restartedAt,
            TimeSpan.FromSeconds(60),
            "the replay job to run after the restart",
            ct);
        await second.WaitForOutboxAsync(ct);

        Assert.Equal(CmBotHost.SampleMentions, await second.QueryAsync(db => db.Mentions.CountAsync(ct)));
        var incident = await second.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(ct));
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal("camille", incident.AcknowledgedBy);
        Assert.Equal(1, await second.QueryAsync(db => db.Drafts.CountAsync(ct)));
        Assert.Equal(auditBefore, await second.QueryAsync(db => db.AuditEvents.CountAsync(ct)));
        Assert.Equal(outboxBefore, await second.QueryAsync(db => db.Outbox.CountAsync(ct)));
        Assert.Equal(4, await second.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.AlertSent, ct))); // alerts, direction (P1), legal (legal risk), the on-call CM by direct message
        Assert.Equal(1, await second.QueryAsync(db => db.SandboxMessages.CountAsync(m => m.Channel == "#cm-alerts" && m.ThreadId == null, ct)));
        var audit = await second.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
        Assert.Null(AuditChain.FirstBreak(audit));
        Assert.Empty(await second.QueryAsync(db => db.Outbox.Where(o => o.State == OutboxState.Failed).Select(o => o.IdempotencyKey + ": " + o.LastError).ToListAsync(ct)));
    }
}
