using System.Diagnostics.Metrics;
using CmBot.Bot.Feeds.Polling;
using CmBot.Bot.Hosting;
using CmBot.Bot.Slack.Web;
using CmBot.Bot.Teams;
using CmBot.Bot.Teams.Outbound;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Reporting;

/// <summary>
/// The operations endpoint of issue 9: <c>/metrics</c> in the Prometheus format shows alerts sent, the outbox
/// queue depth, rate-limit waits and each source's health, and no mention text.
/// </summary>
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

    [Fact]
    public async Task Metrics_OperationsFigures_AlertsSentQueueDepthRateLimitWaitsAndSourceHealth()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);
        await host.WaitForOutboxAsync(ct);

        // A real Teams limiter wired to the host's instruments: a fourth send in the same second must wait.
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        using (var limits = new TeamsRateLimits(Options.Create(new TeamsOptions { TenantRequestsPerSecond = 3 }), clock, host.Services.GetRequiredService<CmBotMetrics>()))
        {
            for (var i = 0; i < 3; i++)
            {
                (await limits.AcquireAsync($"19:t{i}@thread.tacv2", "contoso", ct)).Dispose();
            }

            var fourth = limits.AcquireAsync("19:t9@thread.tacv2", "contoso", ct);
            clock.Advance(TimeSpan.FromSeconds(1) + TeamsRateLimits.Margin);
            (await fourth).Dispose();
        }

        // A source's fetch failing, as the poll job records it; the sample host polls no network source.
        await host.Services.GetRequiredService<SourceStateStore>().RecordFailureAsync("rss-test", "HTTP 503", ct);

        using var client = host.CreateClient();
        var body = await Eventually.TrueAsync(
            () => client.GetStringAsync("/metrics", ct),
            text => text.Contains("cmbot_chat_rate_limit_waits", StringComparison.Ordinal)
                && text.Contains("cmbot_outbox_depth", StringComparison.Ordinal)
                && text.Contains("cmbot_feeds_consecutive_failures", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the operations figures on /metrics",
            ct);

        // Alerts sent: the replay's alert cards delivered to the sandbox, by kind and platform.
        Assert.Matches("cmbot_outbox_sent_total\\{[^}]*platform=\"sandbox\"[^}]*\\} [1-9]", body);
        Assert.Contains("# TYPE cmbot_outbox_depth gauge", body, StringComparison.Ordinal);
        Assert.Matches("cmbot_chat_rate_limit_waits_total\\{[^}]*platform=\"teams\"[^}]*reason=\"conversation\"[^}]*\\} 1", body);
        Assert.Matches("cmbot_chat_rate_limit_wait_seconds_total\\{[^}]*platform=\"teams\"[^}]*\\} 1\\.1", body);
        Assert.Matches("cmbot_feeds_consecutive_failures\\{[^}]*source=\"rss-test\"[^}]*\\} 1", body);
        Assert.Matches("cmbot_outbox_depth\\{[^}]*state=\"pending\"[^}]*\\} 0", body);
    }

    [Fact]
    public async Task SlackLimiter_PauseAfter429_CountedAsARateLimitWait()
    {
        var ct = TestContext.Current.CancellationToken;
        using var metrics = new CmBotMetrics();
        using var listener = new MeterListener();
        var waits = new List<(long Value, string? Reason)>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ObservabilityExtensions.MeterName && instrument.Name == "cmbot.chat.rate_limit_waits")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (waits)
            {
                waits.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value as string));
            }
        });
        listener.Start();
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        using var limiter = new SlackRateLimiter(Options.Create(new SlackWebApiOptions()), clock, metrics);

        await limiter.AcquireAsync(SlackMethods.Update, null, ct);
        limiter.Pause(SlackMethods.Update, null, TimeSpan.FromSeconds(5));
        var next = limiter.AcquireAsync(SlackMethods.Update, null, ct);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        await next;

        lock (waits)
        {
            Assert.Contains((1L, "pause"), waits);
        }
    }
}
