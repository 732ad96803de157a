using CmBot.Bot.Escalation;
using CmBot.Bot.Feeds;
using CmBot.Bot.Jobs;
using CmBot.Bot.Routing.Repeats;
using CmBot.Bot.Tests.Escalation;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace CmBot.Bot.Tests.Jobs;

/// <summary>
/// A trigger lost while the host runs (its scheduling failed after the commit, or the Quartz row was removed) is
/// planned again by the periodic check, with the same name, and nothing is planned twice.
/// </summary>
public sealed class TriggerSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_LostEscalationAndRepeatTriggers_PlannedAgainOnceWithTheSameNames()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = new CmBotHost(store, [
            new("CmBot:EscalationFile", EscalationKit.WriteLadder(store.DataFolder, ["0s=channel:alerts", "30m=role:lead"])),
            new("Feeds:Replay:File", EscalationKit.WriteReplay(store.DataFolder, 1)),
            new("Feeds:Replay:IntervalSeconds", "1"),
            new("Scheduling:TriggerSweepMinutes", "0"),
        ]);
        var incident = await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Incidents.AsNoTracking().FirstOrDefaultAsync(Ct)),
            i => i is not null,
            TimeSpan.FromSeconds(30),
            "the incident to open",
            Ct);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var planned = await Eventually.TrueAsync(
            () => TriggersAsync(scheduler, incident!.Id),
            t => t.Any(k => k.Group == EscalationScheduler.Group) && t.Any(k => k.Group == AlertRepeats.Group),
            TimeSpan.FromSeconds(30),
            "the next escalation step and the repeat check to be planned",
            Ct);

        foreach (var key in planned)
        {
            Assert.True(await scheduler.UnscheduleJob(key, Ct));
        }

        var sweep = host.Services.GetServices<IHostedService>().OfType<TriggerSweep>().Single();
        Assert.Equal(planned.Count, await sweep.SweepAsync(Ct));

        var again = await TriggersAsync(scheduler, incident!.Id);
        Assert.Equal(
            planned.Where(k => k.Group == EscalationScheduler.Group).Select(k => k.Name).Order(),
            again.Where(k => k.Group == EscalationScheduler.Group).Select(k => k.Name).Order());
        Assert.Single(again, k => k.Group == AlertRepeats.Group);

        // Everything is planned: a second pass creates nothing.
        Assert.Equal(0, await sweep.SweepAsync(Ct));
        Assert.Equal(again.Count, (await TriggersAsync(scheduler, incident.Id)).Count);
    }

    [Fact]
    public async Task Timer_IntervalElapses_LostRepeatTriggerPlannedAgain()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new CmBotHost(
            store,
            [new("Feeds:Replay:Enabled", "false"), new("CmBot:RoutingFile", ImmediateRouting.FilePath), new("Scheduling:TriggerSweepMinutes", "10")],
            s => s.AddSingleton<TimeProvider>(clock));
        await host.Services.GetRequiredService<MentionIngestor>().IngestAsync(
            "test",
            [new SourceItem(new MentionInput("test", "t-1", "https://social.example/t-1", "@someone", 500, "My Lumio K2 kettle overheated and melted, the handle burned my hand", "en", clock.GetUtcNow()), "t-1")],
            Ct);
        await host.WaitForOutboxAsync(Ct);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Status == IncidentStatus.Open, Ct));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var repeat = Assert.Single(await TriggersAsync(scheduler, incident.Id), k => k.Group == AlertRepeats.Group);
        Assert.True(await scheduler.UnscheduleJob(repeat, Ct));

        clock.Advance(TimeSpan.FromMinutes(10));

        await Eventually.TrueAsync(
            () => TriggersAsync(scheduler, incident.Id),
            t => t.Any(k => k.Group == AlertRepeats.Group),
            TimeSpan.FromSeconds(20),
            "the periodic check to plan the repeat check again",
            Ct);
    }

    /// <summary>The incident's triggers in the escalation and repeat groups (their names start with its id).</summary>
    private static async Task<List<TriggerKey>> TriggersAsync(IScheduler scheduler, Guid incidentId)
    {
        var keys = new List<TriggerKey>();
        foreach (var group in new[] { EscalationScheduler.Group, AlertRepeats.Group })
        {
            keys.AddRange(await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group), Ct));
        }

        return keys.Where(k => k.Name.StartsWith($"{incidentId:N}:", StringComparison.Ordinal)).ToList();
    }
}
