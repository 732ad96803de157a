using CmBot.Bot.Chat;
using CmBot.Bot.Feeds;
using CmBot.Bot.Routing.Repeats;
using CmBot.Bot.Sandbox;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace CmBot.Bot.Tests.Routing;

/// <summary>
/// The shipped routing.yaml's timings on the real host with a clock the test moves: group_wait (30 s) holds a P2's
/// first post and lets a P1 through at once, group_interval (5 min) spaces the thread's milestone notes, and
/// repeat_interval (4 h) reminds the channel of an incident nobody acknowledged.
/// </summary>
public sealed class AlertPacingHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SampleRouting => Path.Combine(AppContext.BaseDirectory, "samples", "routing.yaml");

    [Fact]
    public async Task Ingest_P2_FirstPostWaitsGroupWaitThenOneCardWithEveryMention()
    {
        var (store, clock, host) = await StartAsync();
        using var _ = store;
        await using var __ = host;
        var openedAt = clock.GetUtcNow();

        await IngestAsync(host, clock, "k-1", 500);
        clock.Advance(TimeSpan.FromSeconds(10));
        await IngestAsync(host, clock, "k-2", 500);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);

        Assert.Empty(await RootsAsync(host));
        var held = await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.SubjectType == Subjects.Incident).ToListAsync(Ct));
        Assert.NotEmpty(held);
        Assert.All(held, o => Assert.Equal(openedAt + TimeSpan.FromSeconds(30), o.NotBefore));
        var ladder = await host.QueryAsync(db => db.Set<EscalationState>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal(openedAt + TimeSpan.FromSeconds(30), ladder.StartedAt);

        clock.Advance(TimeSpan.FromSeconds(21));
        host.Services.GetRequiredService<OutboxSignal>().Notify();
        await Eventually.TrueAsync(() => RootsAsync(host), roots => roots.Count > 0, TimeSpan.FromSeconds(20), "the alert after group_wait", Ct);
        await DrainAsync(host, clock);

        var root = Assert.Single(await RootsAsync(host));
        Assert.Contains("\"2\"", root.CardJson, StringComparison.Ordinal);
        Assert.Single(await host.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.AlertSent).ToListAsync(Ct)), e => e.Details.Contains(Alerts, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_HeldP2BecomesP1_ReleasedAtOnce()
    {
        var (store, clock, host) = await StartAsync();
        using var _ = store;
        await using var __ = host;

        await IngestAsync(host, clock, "k-1", 500);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        Assert.Empty(await RootsAsync(host));

        // The same safety problem from an account with a large audience: the incident becomes P1.
        await IngestAsync(host, clock, "k-2", 80_000);
        await DrainAsync(host, clock);

        var root = Assert.Single(await RootsAsync(host));
        Assert.Contains("P1", root.CardJson, StringComparison.Ordinal);
        Assert.Equal(Severity.P1, (await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(Ct))).Severity);
    }

    [Fact]
    public async Task Ingest_MilestonesWithinGroupInterval_OnlyTheLatestPostedWhenItsTurnComes()
    {
        var (store, clock, host) = await StartAsync(NoGroupWait());
        using var _ = store;
        await using var __ = host;

        for (var i = 1; i <= 10; i++)
        {
            await IngestAsync(host, clock, $"a-{i}", 500);
        }

        await DrainAsync(host, clock);
        Assert.Equal(["10"], await MilestonesAsync(host));

        // 25 and 50 are crossed a minute later: within group_interval, so they wait, and 50 replaces 25.
        clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 11; i <= 50; i++)
        {
            await IngestAsync(host, clock, $"a-{i}", 500);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        Assert.Equal(["10"], await MilestonesAsync(host));
        var waiting = await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.SubjectType == Subjects.Update && o.State == OutboxState.Pending).ToListAsync(Ct));
        var note = Assert.Single(waiting, o => o.Channel == Alerts && o.SubjectId.EndsWith(":mentions:50", StringComparison.Ordinal));
        Assert.True(note.NotBefore > clock.GetUtcNow(), "the 50 note waits for group_interval");
        Assert.Contains(await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.SubjectType == Subjects.Update && o.Channel == Alerts && o.State == OutboxState.Superseded).Select(o => o.SubjectId).ToListAsync(Ct)), id => id.EndsWith(":mentions:25", StringComparison.Ordinal));

        // Its turn in this channel (other channels count from their own last note).
        clock.Advance(TimeSpan.FromMinutes(5));
        host.Services.GetRequiredService<OutboxSignal>().Notify();
        await Eventually.TrueAsync(() => MilestonesAsync(host), m => m.Count > 1, TimeSpan.FromSeconds(20), "the 50 note", Ct);
        Assert.Equal(["10", "50"], await MilestonesAsync(host));
    }

    [Fact]
    public async Task Repeat_OpenIncidentAfterRepeatInterval_OneStillOpenNoteAndNoneOnceAcknowledged()
    {
        var (store, clock, host) = await StartAsync(ImmediateRouting.FilePath);
        using var _ = store;
        await using var __ = host;
        await IngestAsync(host, clock, "r-1", 500);
        await DrainAsync(host, clock);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(Ct));

        // The first check is planned as a persistent trigger, repeat_interval (4 h) after the first alert.
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var triggers = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(AlertRepeats.Group), Ct);
        Assert.Contains(triggers, t => t.Name.StartsWith($"{incident.Id:N}:repeat@", StringComparison.Ordinal));

        await FireRepeatAsync(host, incident.Id);
        Assert.Empty(await StillOpenAsync(host));

        clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        await FireRepeatAsync(host, incident.Id);
        await FireRepeatAsync(host, incident.Id);
        await DrainAsync(host, clock);
        var note = Assert.Single(await StillOpenAsync(host));
        Assert.Contains($"#{incident.Number}", note.CardJson, StringComparison.Ordinal);
        Assert.Equal(1, await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.AlertRepeated, Ct)));

        var (status, message) = await host.ActAsync("camille", ActionVerbs.Acknowledge, incident.Id.ToString());
        Assert.True(status == 200, message);
        clock.Advance(TimeSpan.FromHours(5));
        await FireRepeatAsync(host, incident.Id);
        await DrainAsync(host, clock);
        Assert.Single(await StillOpenAsync(host));
    }

    /// <summary>The shipped routing.yaml with group_wait 0s and its other timings (group_interval 5 min).</summary>
    private static string NoGroupWait()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cmbot-routing-nowait-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, File.ReadAllText(SampleRouting).Replace("group_wait: 30s", "group_wait: 0s", StringComparison.Ordinal));
        return path;
    }

    private static async Task<(TestStore Store, FakeTimeProvider Clock, CmBotHost Host)> StartAsync(string? routing = null)
    {
        var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = new CmBotHost(
            store,
            [new("Feeds:Replay:Enabled", "false"), new("CmBot:RoutingFile", routing ?? SampleRouting)],
            s => s.AddSingleton<TimeProvider>(clock));
        _ = host.Services;
        return (store, clock, host);
    }

    /// <summary>
    /// Waits for the outbox to drain. A thread note that raced its card is retried 200 ms later on the host's clock,
    /// which only the test moves: nudge it by a second at a time (far below the timings under test).
    /// </summary>
    private static async Task DrainAsync(CmBotHost host, FakeTimeProvider clock)
    {
        for (var nudge = 0; nudge < 20; nudge++)
        {
            if (await host.QueryAsync(db => db.Outbox.CountAsync(o => o.State == OutboxState.Pending || o.State == OutboxState.Sending, Ct)) == 0)
            {
                return;
            }

            var pending = await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.State == OutboxState.Pending && o.NotBefore != null).Select(o => o.NotBefore).ToListAsync(Ct));
            if (pending.Count > 0 && pending.All(due => due <= clock.GetUtcNow() + TimeSpan.FromSeconds(1)))
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                host.Services.GetRequiredService<OutboxSignal>().Notify();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        }

        await host.WaitForOutboxAsync(Ct);
    }

    private static async Task FireRepeatAsync(CmBotHost host, Guid incidentId)
    {
        using (await host.Services.GetRequiredService<WriteGate>().EnterAsync(Ct))
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AlertRepeats>().FireDueAsync(incidentId, Ct);
            await scope.ServiceProvider.GetRequiredService<CmBotDbContext>().SaveChangesAsync(Ct);
        }

        host.Services.GetRequiredService<OutboxSignal>().Notify();
    }

    private const string Alerts = "#cm-alerts";

    /// <summary>Root messages in the alert channel (the on-call's direct message from escalation is not counted).</summary>
    private static Task<List<SandboxMessage>> RootsAsync(CmBotHost host) =>
        host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId == null && m.Channel == Alerts).ToListAsync(Ct));

    private static async Task<List<SandboxMessage>> StillOpenAsync(CmBotHost host) =>
        (await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId != null).ToListAsync(Ct)))
            .Where(m => m.CardJson.Contains(IncidentUpdateLabels.English.StillOpenTitle, StringComparison.Ordinal)).ToList();

    /// <summary>The mention milestones noted in the incident's thread, in order.</summary>
    private static async Task<List<string>> MilestonesAsync(CmBotHost host) =>
        (await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId != null && m.Channel == Alerts).OrderBy(m => m.Id).ToListAsync(Ct)))
            .Select(m => System.Text.RegularExpressions.Regex.Match(m.CardJson, "(\\d+) mentions so far"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();

    private static Task<int> IngestAsync(CmBotHost host, FakeTimeProvider clock, string id, int reach) =>
        host.Services.GetRequiredService<MentionIngestor>().IngestAsync(
            "test",
            [new SourceItem(new MentionInput("test", id, $"https://social.example/{id}", $"@someone{id}", reach, $"My Lumio K2 kettle overheated and melted, the handle burned my hand ({id})", "en", clock.GetUtcNow()), id)],
            Ct);
}
