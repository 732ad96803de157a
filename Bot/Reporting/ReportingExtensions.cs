using CmBot.Bot.Hosting;
using CmBot.Bot.Reporting.Digests;
using CmBot.Bot.Reporting.OnDemand;
using CmBot.Bot.Reporting.Sla;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using Quartz;

namespace CmBot.Bot.Reporting;

public static class ReportingExtensions
{
    /// <summary>Report settings (checked at start), the report and export services, and the outbox depth gauge.</summary>
    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => ReportingSettings.From(builder.Configuration));
        builder.Services.AddScoped<ReportFactsLoader>();
        builder.Services.AddScoped<ExportQuery>();
        builder.Services.AddScoped<ReportService>();
        builder.Services.AddScoped<DigestRunner>();
        builder.Services.AddScoped<SlaAlertScanner>();
        builder.Services.AddSingleton<ReportRequests>();
        builder.Services.AddHostedService<DigestAudienceWarnings>();
        AddDigestJobs(builder);
        builder.Services.AddSingleton<OutboxDepthGauge>();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// One persisted Quartz job and cron trigger per digest schedule, in the configured time zone. A fire missed
    /// while every instance was down is run once at start (the runner then skips a slot already sent).
    /// </summary>
    private static void AddDigestJobs(IHostApplicationBuilder builder)
    {
        ReportingSettings settings;
        try
        {
            settings = ReportingSettings.From(builder.Configuration);
        }
        catch (ConfigurationException)
        {
            // Reported with its key by ConfigurationCheck at start; schedule nothing meanwhile.
            return;
        }

        builder.Services.AddQuartz(q =>
        {
            if (settings.SlaScan is { } every)
            {
                // First scan one interval after start: nothing is due that early, and the start stays quiet.
                q.AddJob<SlaAlertJob>(j => j.WithIdentity(SlaAlertJob.Key).StoreDurably());
                q.AddTrigger(t => t
                    .ForJob(SlaAlertJob.Key)
                    .WithIdentity(SlaAlertJob.Trigger)
                    .StartAt(TimeProvider.System.GetUtcNow() + every)
                    .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            }

            foreach (var schedule in settings.Schedules)
            {
                q.AddJob<DigestJob>(j => j.WithIdentity(DigestJob.KeyFor(schedule.Name)).UsingJobData(DigestJob.ScheduleKey, schedule.Name).StoreDurably());
                q.AddTrigger(t => t
                    .ForJob(DigestJob.KeyFor(schedule.Name))
                    .WithIdentity(DigestJob.TriggerFor(schedule.Name))
                    .WithCronSchedule(schedule.Cron, c => c.InTimeZone(settings.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }
        });
    }

    /// <summary>
    /// <c>/metrics</c> in the Prometheus text format. It carries operational counters only (no mention text, no
    /// names), like <c>/healthz</c>; restrict it at the network edge if the host is public.
    /// </summary>
    public static WebApplication MapReporting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<OutboxDepthGauge>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapSandboxReports();
        return app;
    }
}

/// <summary>
/// Observable gauge of outbox rows waiting to be sent, by state; read from the database at scrape time (at most
/// once every few seconds) so every instance reports the shared queue.
/// </summary>
public sealed class OutboxDepthGauge : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly System.Diagnostics.Metrics.Meter _meter = new(ObservabilityExtensions.MeterName);
    private readonly Lock _lock = new();
    private (DateTimeOffset At, Dictionary<string, long> Depth) _last = (DateTimeOffset.MinValue, []);

    public OutboxDepthGauge(IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        _meter.CreateObservableGauge("cmbot.outbox.depth", Observe, description: "Outbox messages not yet delivered, by state");
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> Observe()
    {
        Dictionary<string, long> depth;
        lock (_lock)
        {
            if (_time.GetUtcNow() - _last.At > MaxAge)
            {
                _last = (_time.GetUtcNow(), Read());
            }

            depth = _last.Depth;
        }

        return depth.Select(p => new System.Diagnostics.Metrics.Measurement<long>(p.Value, new KeyValuePair<string, object?>("state", p.Key)));
    }

    private Dictionary<string, long> Read()
    {
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
            var rows = db.Outbox.AsNoTracking()
                .Where(o => o.State == OutboxState.Pending || o.State == OutboxState.Sending)
                .GroupBy(o => o.State)
                .Select(g => new { State = g.Key, Count = g.LongCount() })
                .ToList();
            // An empty queue reads 0 (not "no data"), so a dashboard or alert on the depth sees it drain.
            var depth = new Dictionary<string, long>(StringComparer.Ordinal) { ["pending"] = 0, ["sending"] = 0 };
            foreach (var row in rows)
            {
                depth[row.State.ToString().ToLowerInvariant()] = row.Count;
            }

            return depth;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException)
        {
            // A scrape while the database is unavailable reports nothing rather than failing the whole endpoint.
            return [];
        }
    }
}
