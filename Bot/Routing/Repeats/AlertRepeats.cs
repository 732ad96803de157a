using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Jobs;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Incidents;
using CmBot.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CmBot.Bot.Routing.Repeats;

/// <summary>
/// repeat_interval: an incident still open and unacknowledged gets a "still open" note in the thread of each channel
/// routing sends its card to, repeat_interval after the last notification there (the card, an update, an escalation note).
/// One persistent Quartz trigger per incident wakes <see cref="FireDueAsync"/>, which sends what is due and moves
/// the trigger to the next due time; a note's key (incident, channel, period) makes a second instance or a retry
/// harmless. Acknowledging, resolving or dismissing ends the chain at its next wake-up.
/// </summary>
public sealed partial class AlertRepeats(
    CmBotDbContext db,
    CardPublisher cards,
    CardOutbox outbox,
    IEnumerable<IChatPlatform> platforms,
    AuditLog audit,
    ISchedulerFactory schedulers,
    AfterCommit afterCommit,
    TimeProvider time,
    IOptions<CmBotOptions> options,
    ILogger<AlertRepeats> logger)
{
    public static readonly JobKey Job = new("alert-repeat", "routing");
    public const string Group = "alert-repeat";
    public const string IncidentKey = "incidentId";

    /// <summary>The trigger being executed by this scope's job: scheduling the same key again must not be skipped.</summary>
    public TriggerKey? Firing { get; set; }

    /// <summary>Plans the first repeat of an incident whose alert was just routed (opened or climbed).</summary>
    public Task StartAsync(Incident incident, AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(delivery);
        if (!delivery.Routed || delivery.Timings.Count == 0)
        {
            return Task.CompletedTask;
        }

        var first = delivery.Timings.Values.Select(t => AlertPacing.NextRepeat(t, incident.Status, delivery.FirstAlertAt)).Min();
        return first is { } due ? ScheduleAsync(incident.Id, due, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Sends the "still open" notes that are due and schedules the next check.</summary>
    public async Task FireDueAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FindAsync([incidentId], cancellationToken);
        if (incident is not { Status: IncidentStatus.Open })
        {
            return;
        }

        var delivery = await cards.PlanAsync(incident, cancellationToken);
        if (!delivery.Routed)
        {
            // Silenced or inhibited: nobody is reminded; the next mention after the silence plans again.
            return;
        }

        var id = incident.Id.ToString();
        var prefix = id + ":";
        var shown = await db.ChatMessages.AsNoTracking()
            .Where(c => c.SubjectId == id || c.SubjectId.StartsWith(prefix))
            .GroupBy(c => new { c.Platform, c.Channel })
            .Select(g => new { g.Key.Platform, g.Key.Channel, Last = g.Max(c => c.Id) })
            .ToListAsync(cancellationToken);
        var roots = await db.ChatMessages.AsNoTracking()
            .Where(c => c.SubjectType == Subjects.Incident && c.SubjectId == id)
            .Select(c => new { c.Platform, c.Channel, c.CreatedAt })
            .ToListAsync(cancellationToken);
        var lastIds = shown.Select(s => s.Last).ToList();
        var lastAt = await db.ChatMessages.AsNoTracking()
            .Where(c => lastIds.Contains(c.Id))
            .Select(c => new { c.Platform, c.Channel, c.CreatedAt })
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        var words = IncidentUpdateLabels.For(options.Value.Language);
        DateTimeOffset? next = null;
        foreach (var root in roots)
        {
            // Only the channels routing sends the alert to: a direct message from escalation has its own reminders.
            var platform = platforms.FirstOrDefault(p => p.Name == root.Platform);
            if (platform is null || !delivery.Timings.TryGetValue((root.Platform, root.Channel), out var timings))
            {
                continue;
            }

            var last = lastAt.Where(l => l.Platform == root.Platform && l.Channel == root.Channel).Select(l => l.CreatedAt).DefaultIfEmpty(root.CreatedAt).Max();
            if (AlertPacing.NextRepeat(timings, incident.Status, last) is not { } due)
            {
                continue;
            }

            if (due <= now)
            {
                var period = (int)((now - root.CreatedAt).Ticks / timings.RepeatInterval.Ticks);
                var key = IncidentUpdates.StillOpenKey(incident, period);
                if (await outbox.EnqueueAsync(platform, root.Channel, Subjects.Update, key, 1, IncidentUpdates.StillOpenNote(incident, now - incident.OpenedAt, words), (int)incident.Severity, threadSubjectId: id, cancellationToken: cancellationToken))
                {
                    await audit.AppendAsync("cmbot", AuditActions.AlertRepeated, Subjects.Incident, id, new { incident.Number, platform = root.Platform, channel = root.Channel, period, lastNotifiedAt = last }, cancellationToken);
                    LogRepeated(incident.Number, root.Platform, root.Channel, last);
                }

                due = now + timings.RepeatInterval;
            }

            next = next is { } earlier && earlier < due ? earlier : due;
        }

        if (next is { } at)
        {
            await ScheduleAsync(incident.Id, at, cancellationToken);
        }
    }

    /// <summary>Plans a repeat check (after the commit when the caller defers its triggers, see <see cref="AfterCommit"/>).</summary>
    public Task ScheduleAsync(Guid incidentId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var firing = Firing;
        return afterCommit.RunOrDeferAsync(
            async ct =>
            {
                try
                {
                    var scheduler = await schedulers.GetScheduler(ct);
                    var key = new TriggerKey(string.Create(CultureInfo.InvariantCulture, $"{incidentId:N}:repeat@{dueAt.UtcTicks}"), Group);
                    await OneShotTrigger.ScheduleAsync(scheduler, key, firing, Job, (IncidentKey, incidentId.ToString()), dueAt, time, ct);
                }
                catch (Exception ex) when (ex is SchedulerException or System.Data.Common.DbException)
                {
                    // Never fail an ingest or a click for this: TriggerSweep (or the next start) plans it again.
                    LogScheduleFailed(ex, incidentId);
                }
            },
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident #{Number} still open and unacknowledged: reminder in {Platform} {Channel} (last notification {LastNotifiedAt:u})")]
    private partial void LogRepeated(int number, string platform, string channel, DateTimeOffset lastNotifiedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {IncidentId}: could not schedule its repeat check; the periodic trigger check (or the next start) plans it again")]
    private partial void LogScheduleFailed(Exception exception, Guid incidentId);
}
