using CmBot.Bot.Feeds;
using CmBot.Bot.Silences;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Mentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Silences;

/// <summary>
/// The real host on a clock the test moves: a silence created from chat holds a topic's alerts back (the mentions and
/// the incident are still stored and counted), and once it has run out the next mention is alerted again.
/// </summary>
public sealed class SilenceHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingest_SilencedTopic_StoredButNoAlertThenAfterExpiryAlertsFlowAgain()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new CmBotHost(
            store,
            [new("Feeds:Replay:Enabled", "false")],
            s => s.AddSingleton<TimeProvider>(clock));
        using var client = host.CreateClient();
        var inputs = new Dictionary<string, string> { [CardInputs.SilenceMatch] = "kettle", [CardInputs.SilenceDuration] = "2h", [CardInputs.SilenceReason] = "known, statement out" };

        var (status, message) = await host.ActAsync("camille", ActionVerbs.SilenceCreate, "new", inputs);
        Assert.True(status == 200, message);

        await IngestAsync(host, clock, "k2-1", "My Lumio K2 kettle overheated and melted, the handle burned my hand");
        await IngestAsync(host, clock, "k2-2", "Second K2 kettle that overheats here, smoke everywhere");
        await host.WaitForOutboxAsync(Ct);

        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(2, incident.MentionCount);
        Assert.Equal(2, await host.QueryAsync(db => db.Mentions.CountAsync(Ct)));
        Assert.Equal(0, await AuditCountAsync(host, AuditActions.AlertSent));
        Assert.True(await AuditCountAsync(host, AuditActions.AlertSilenced) >= 2);
        Assert.Empty(await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId == null).ToListAsync(Ct)));

        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await IngestAsync(host, clock, "k2-3", "Third Lumio K2 kettle melted on my counter, dangerous");
        await host.WaitForOutboxAsync(Ct);

        Assert.Equal(3, (await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(Ct))).MentionCount);
        await Eventually.TrueAsync(() => AuditCountAsync(host, AuditActions.AlertSent), n => n > 0, TimeSpan.FromSeconds(30), "the alert after the silence", Ct);
        Assert.NotEmpty(await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId == null).ToListAsync(Ct)));
        var row = await host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().SingleAsync(Ct));
        Assert.Null(row.ExpiredBy);
        Assert.True(row.EndsAt < clock.GetUtcNow());
    }

    private static Task<int> AuditCountAsync(CmBotHost host, string action) =>
        host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == action, Ct));

    private static Task<int> IngestAsync(CmBotHost host, FakeTimeProvider clock, string id, string text) =>
        host.Services.GetRequiredService<MentionIngestor>().IngestAsync(
            "test",
            [new SourceItem(new MentionInput("test", id, $"https://social.example/{id}", "@someone", 500, text, "en", clock.GetUtcNow()), id)],
            Ct);
}
