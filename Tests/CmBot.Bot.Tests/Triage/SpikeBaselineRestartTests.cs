using CmBot.Bot.Feeds;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Triage.Spikes;
using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using CmBot.Core.Triage.Spikes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Triage;

/// <summary>The learned spike baseline is saved and restored: a restart does not forget what "usual" is.</summary>
public sealed class SpikeBaselineRestartTests
{
    // Spikes from 3 mentions in 15 minutes at 3x the usual; a never-seen hour counts as 1 usual mention.
    private const string SeverityYaml = """
        spikes: { window: 15m, minimum_count: 3, ratio: 3, cooldown: 0s, cold_start: 1, smoothing: 1, save_every: 1h }
        """;

    private static List<SourceItem> Mentions(string prefix, DateTimeOffset start, int count, TimeSpan every) =>
        [.. Enumerable.Range(0, count).Select(i => new SourceItem(
            new MentionInput("baseline-test", $"{prefix}-{i}", $"https://example.test/{prefix}/{i}", $"@user{i}", 10,
                $"Note {prefix} {i}: the K2 kettle {string.Concat(Enumerable.Repeat($"w{i}{prefix} ", 8))}", "en", start + (every * i)),
            $"{prefix}-{i}"))];

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Restart_UsualBurstBeforeRestart_StillUsualAfter(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        var severityFile = Path.Combine(store.DataFolder, "severity.yaml");
        Directory.CreateDirectory(store.DataFolder);
        await File.WriteAllTextAsync(severityFile, SeverityYaml, ct);
        var settings = new Dictionary<string, string?> { ["Feeds:Replay:Enabled"] = "false", ["CmBot:SeverityFile"] = severityFile };

        // A Tuesday 10:00 UTC at least three weeks ago: 12 mentions in that hour (3 per 15 minutes), then one the
        // next hour, which closes the hour and teaches the baseline.
        var now = DateTimeOffset.UtcNow;
        var tuesday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-21 - (((int)now.UtcDateTime.DayOfWeek + 5) % 7)).AddHours(10);
        var hourOfWeek = SpikeDetector.HourOfWeek(tuesday);
        Assert.Equal(DayOfWeek.Tuesday, tuesday.DayOfWeek);

        await using (var first = new CmBotHost(store, settings))
        {
            var ingestor = first.Services.GetRequiredService<MentionIngestor>();
            await ingestor.IngestAsync("baseline-test", Mentions("a", tuesday, 12, TimeSpan.FromMinutes(5)), ct);
            await ingestor.IngestAsync("baseline-test", Mentions("b", tuesday.AddHours(1), 1, TimeSpan.Zero), ct);
            Assert.Equal(3, first.Services.GetRequiredService<SpikeDetector>().Usual("kettle-k2", hourOfWeek), 3);
        }

        await using (var second = new CmBotHost(store, settings))
        {
            var saved = await second.QueryAsync(db => db.Set<StoredSpikeBaseline>().AsNoTracking().SingleAsync(ct));
            Assert.Equal("kettle-k2", saved.Key);

            // The next Tuesday, the same 3-per-15-minutes traffic is usual: no spike, nothing raised.
            var ingestor = second.Services.GetRequiredService<MentionIngestor>();
            await ingestor.IngestAsync("baseline-test", Mentions("c", tuesday.AddDays(7), 6, TimeSpan.FromMinutes(2)), ct);

            var detector = second.Services.GetRequiredService<SpikeDetector>();
            Assert.Equal(3, detector.Usual("kettle-k2", hourOfWeek), 3);
            var after = await second.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.ExternalId.StartsWith("c-")).ToListAsync(ct));
            Assert.Equal(6, after.Count);
            Assert.All(after, m => Assert.DoesNotContain("mentions in 15 min", m.Reason, StringComparison.Ordinal));
            Assert.All(after, m => Assert.NotEqual(Severity.P1, m.Severity));
        }

        // Control: the same burst on a store that never learned that hour is a spike.
        using var fresh = await TestStore.CreateAsync(provider, ct);
        await using var third = new CmBotHost(fresh, settings);
        await third.Services.GetRequiredService<MentionIngestor>().IngestAsync("baseline-test", Mentions("c", tuesday.AddDays(7), 6, TimeSpan.FromMinutes(2)), ct);
        var raised = await third.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.Severity == Severity.P1).ToListAsync(ct));
        Assert.NotEmpty(raised);
        Assert.Contains("mentions in 15 min", raised[0].Reason, StringComparison.Ordinal);
    }
}
