using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CmBot.Bot.Hosting;

public static partial class ObservabilityExtensions
{
    public const string MeterName = "CmBot";

    /// <summary>Structured console logs, and OpenTelemetry metrics and traces (console export with Telemetry:Console=true).</summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddSingleton<CmBotMetrics>();
        var console = builder.Configuration.GetValue("Telemetry:Console", false);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("cmbot"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddMeter(MeterName);
                if (console)
                {
                    m.AddConsoleExporter();
                }
            })
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation();
                if (console)
                {
                    t.AddConsoleExporter();
                }
            });
        return builder;
    }

    /// <summary>Prints where to open the sandbox once the server listens.</summary>
    public static WebApplication AnnounceUrls(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CmBot");
            foreach (var url in app.Urls)
            {
                LogOpen(logger, url);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CmBot is running. Open {Url} to use the sandbox (act as a demo person, top right).")]
    private static partial void LogOpen(ILogger logger, string url);
}

/// <summary>CmBot's own instruments, under the <see cref="ObservabilityExtensions.MeterName"/> meter.</summary>
public sealed class CmBotMetrics : IDisposable
{
    private readonly Meter _meter = new(ObservabilityExtensions.MeterName);

    public CmBotMetrics()
    {
        MentionsIngested = _meter.CreateCounter<long>("cmbot.mentions.ingested", description: "Mentions stored after triage, by severity");
        OutboxSent = _meter.CreateCounter<long>("cmbot.outbox.sent", description: "Outbox messages delivered, by kind and platform");
        OutboxRetries = _meter.CreateCounter<long>("cmbot.outbox.retries", description: "Outbox sends that failed and were rescheduled");
        OutboxFailed = _meter.CreateCounter<long>("cmbot.outbox.failed", description: "Outbox messages given up on");
        SourceFetches = _meter.CreateCounter<long>("cmbot.feeds.fetches", description: "Source fetches, by source and outcome (ok, not_modified, failed, backoff)");
        SourceItemsSkipped = _meter.CreateCounter<long>("cmbot.feeds.items_skipped", description: "Feed items skipped as malformed, by source");
        MentionDuplicates = _meter.CreateCounter<long>("cmbot.mentions.duplicates", description: "Mentions collapsed into an earlier one (exact URL or near-duplicate)");
        AlertsSuppressed = _meter.CreateCounter<long>("cmbot.alerts.suppressed", description: "Alert cards not sent, by reason (silenced, inhibited, muted)");
        TriggersReplanned = _meter.CreateCounter<long>("cmbot.jobs.triggers_replanned", description: "Quartz triggers found missing by the periodic check and planned again, by kind (escalation, approval, repeat)");
        _rateLimitWaits = _meter.CreateCounter<long>("cmbot.chat.rate_limit_waits", description: "Chat API calls that had to wait for a rate-limit permit, by platform and reason (bucket, pause after a 429, conversation)");
        _rateLimitWaitSeconds = _meter.CreateCounter<double>("cmbot.chat.rate_limit_wait", unit: "s", description: "Time spent waiting for chat rate-limit permits, by platform and reason");
    }

    private readonly Counter<long> _rateLimitWaits;
    private readonly Counter<double> _rateLimitWaitSeconds;

    /// <summary>A chat call waited for a rate-limit permit; <paramref name="waited"/> is zero when only known to have queued.</summary>
    public void RateLimitWaited(string platform, string reason, TimeSpan waited)
    {
        var tags = new TagList { { "platform", platform }, { "reason", reason } };
        _rateLimitWaits.Add(1, tags);
        if (waited > TimeSpan.Zero)
        {
            _rateLimitWaitSeconds.Add(waited.TotalSeconds, tags);
        }
    }

    public Counter<long> MentionsIngested { get; }
    public Counter<long> OutboxSent { get; }
    public Counter<long> OutboxRetries { get; }
    public Counter<long> OutboxFailed { get; }
    public Counter<long> SourceFetches { get; }
    public Counter<long> SourceItemsSkipped { get; }
    public Counter<long> MentionDuplicates { get; }
    public Counter<long> TriggersReplanned { get; }

    /// <summary>Publishes each source's failures in a row (0 when healthy) as the <c>cmbot.feeds.consecutive_failures</c> gauge.</summary>
    public void ObserveSourceFailures(Func<IEnumerable<Measurement<int>>> observe) =>
        _meter.CreateObservableGauge("cmbot.feeds.consecutive_failures", observe, description: "Failures in a row of each listening source (0 = healthy), by source");
    public Counter<long> AlertsSuppressed { get; }

    public void Dispose() => _meter.Dispose();
}
