using CmBot.Bot.Reporting;
using CmBot.Bot.Reporting.Digests;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Reporting;

/// <summary>Digests go out once per schedule and period: across repeated fires, restarts and two instances.</summary>
public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DigestSchedule Daily = new("daily", "0 0 8 ? * MON-FRI", TimeSpan.FromDays(1), "Alerts");

    /// <summary>Only a fast test schedule is active (the shipped daily/weekly/monthly ones are switched off).</summary>
    private static KeyValuePair<string, string?>[] Settings(string? fastCron = null) =>
    [
        new("Reporting:Digests:daily:Enabled", "false"),
        new("Reporting:Digests:weekly:Enabled", "false"),
        new("Reporting:Digests:monthly:Enabled", "false"),
        new("Reporting:Digests:fast:Enabled", fastCron is null ? "false" : "true"),
        new("Reporting:Digests:fast:Cron", fastCron ?? "0 0 8 * * ?"),
        new("Reporting:Digests:fast:Period", "1d"),
    ];

    private static async Task<bool> RunAsync(CmBotHost host, DateTimeOffset slot, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestRunner>().RunAsync(Daily, slot, ct);
    }

    [Theory]
    [InlineData("08:03", "08:00")]
    [InlineData("08:00", "08:00")]
    [InlineData("07:59", "07:59")]
    public void SlotFor_LateFire_NamesTheScheduledOccurrence(string fired, string expected)
    {
        DateTimeOffset Paris0(string hhmm) => new(2026, 11, 26, int.Parse(hhmm[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(hhmm[3..], System.Globalization.CultureInfo.InvariantCulture), 0, TimeSpan.FromHours(1));

        var slot = DigestSlots.SlotFor(Daily.Cron, Paris, Paris0(fired));

        // Before 08:00 on Thursday the latest weekday slot is Wednesday 08:00.
        Assert.Equal(expected == "07:59" ? Paris0("08:00").AddDays(-1) : Paris0(expected), slot);
    }

    [Fact]
    public async Task Run_SameSlotTwiceAndAfterRestart_SendsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var slot = new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
        await using (var host = new CmBotHost(store, Settings()))
        {
            await host.WaitForReplayAsync(ct);
            Assert.True(await RunAsync(host, slot, ct));
            Assert.False(await RunAsync(host, slot, ct));
            await host.WaitForOutboxAsync(ct);
            var posted = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.Channel == "#cm-alerts").ToListAsync(ct));
            Assert.Single(posted, m => m.CardJson.Contains("CmBot report", StringComparison.Ordinal));
        }

        await using (var restarted = new CmBotHost(store, Settings()))
        {
            Assert.False(await RunAsync(restarted, slot, ct));
            Assert.True(await RunAsync(restarted, slot.AddDays(1), ct));
            Assert.Equal(2, await restarted.QueryAsync(db => db.Set<DigestRun>().CountAsync(ct)));
            Assert.Equal(2, await restarted.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.DigestSent, ct)));
            Assert.Equal(2, await restarted.QueryAsync(db => db.Outbox.CountAsync(o => o.SubjectType == DigestRunner.Subject, ct)));
            var audit = await restarted.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
            Assert.Null(AuditChain.FirstBreak(audit));
        }
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Run_TwoInstancesRaceForTheSameSlot_ExactlyOneSends(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        var settings = Settings().Append(new("Feeds:Replay:Enabled", "false")).ToArray();
        await using var first = new CmBotHost(store, settings);
        await first.QueryAsync(db => db.Mentions.CountAsync(ct));
        await using var second = new CmBotHost(store, settings);
        var slot = new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

        var results = await Task.WhenAll(
            Enumerable.Range(0, 3).SelectMany(_ => new[] { RunAsync(first, slot, ct), RunAsync(second, slot, ct) }));

        Assert.Single(results, r => r);
        Assert.Equal(1, await first.QueryAsync(db => db.Set<DigestRun>().CountAsync(ct)));
        Assert.Equal(1, await first.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.DigestSent, ct)));
    }

    [Fact]
    public async Task Cron_TwoClusteredInstances_EachSlotSentOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Postgres, ct);
        var settings = Settings("0/2 * * * * ?")
            .Append(new("Feeds:Replay:Enabled", "false"))
            .Append(new("Scheduling:SchedulerName", "CmBotDigestCluster"))
            .ToArray();
        await using var first = new CmBotHost(store, settings);
        await using var second = new CmBotHost(store, settings);
        await Task.WhenAll(first.QueryAsync(db => db.Mentions.CountAsync(ct)), second.QueryAsync(db => db.Mentions.CountAsync(ct)));

        var runs = await Eventually.TrueAsync(
            () => first.QueryAsync(db => db.Set<DigestRun>().AsNoTracking().ToListAsync(ct)),
            r => r.Count >= 3,
            TimeSpan.FromSeconds(40),
            "three digest slots to fire",
            ct);

        Assert.Equal(runs.Count, runs.Select(r => r.PeriodStart).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(0, r.PeriodEnd.Second % 2));
        var digestsQueued = await first.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.SubjectType == DigestRunner.Subject).Select(o => o.SubjectId).ToListAsync(ct));
        Assert.Equal(digestsQueued.Count, digestsQueued.Distinct().Count());
    }
}
