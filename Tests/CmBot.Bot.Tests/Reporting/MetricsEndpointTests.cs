using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Reporting;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterReplay_ExposesCmBotCountersInPrometheusFormat()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);
        using var client = host.CreateClient();

        // The exporter caches a scrape briefly; ask until the counters of the replay are in.
        var body = await Eventually.TrueAsync(
            () => client.GetStringAsync("/metrics", ct),
            text => text.Contains("cmbot_mentions_ingested", StringComparison.Ordinal) && text.Contains("cmbot_outbox_sent", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the replay counters on /metrics",
            ct);

        Assert.Contains("# TYPE cmbot_mentions_ingested", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Lumio K2", body, StringComparison.Ordinal);
    }
}
