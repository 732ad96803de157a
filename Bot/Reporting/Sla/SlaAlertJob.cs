using Quartz;

namespace CmBot.Bot.Reporting.Sla;

/// <summary>
/// Looks for open incidents whose response clock crossed 50%, 75% or 100% of its target since the last scan (one
/// persisted Quartz trigger; clustered on PostgreSQL, so one instance scans at a time). Missed scans are not
/// replayed: the next one catches up, and the unique (incident, threshold) rows keep every warning single.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SlaAlertJob(SlaAlertScanner scanner) : IJob
{
    public static readonly JobKey Key = new("sla-alerts", "reports");
    public static readonly TriggerKey Trigger = new("sla-alerts-scan", "reports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scanner.ScanAsync(cancellationToken);
}
