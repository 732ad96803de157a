using CmBot.Bot.Chat;
using CmBot.Bot.Escalation;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Common;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Reporting.Sla;

/// <summary>
/// Warns about open, unacknowledged incidents nearing their response target: at 50% and 75% in the incident's
/// thread, mentioning its assignee (else whoever the incident's escalation policy has on call, else asking the
/// team); at 100% also in the leads' channel (else direction), and the escalation ladder's next step is brought
/// forward (<see cref="EscalationEngine.EscalateNowAsync"/>). Each (incident, threshold) is recorded, queued,
/// escalated and audited in one unit of work.
/// </summary>
public sealed partial class SlaAlertScanner(
    CmBotDbContext db,
    ReportingSettings settings,
    CardOutbox outbox,
    IEnumerable<IChatPlatform> platforms,
    PeopleDirectory people,
    EscalationEngine escalation,
    AuditLog audit,
    WriteGate gate,
    OutboxSignal signal,
    IOptions<CmBotOptions> options,
    TimeProvider time,
    ILogger<SlaAlertScanner> logger)
{
    public const string Subject = "sla";

    /// <summary>Who brings an escalation forward on a breach, in the audit log.</summary>
    private static readonly Person System = new(EscalationEngine.Actor, "CmBot", []);

    /// <summary>Returns how many warnings this scan sent.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.Incidents.AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Open && i.AcknowledgedAt == null)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }

        var ids = open.Select(i => i.Id).ToList();
        var textIds = ids.Select(i => i.ToString()).ToList();

        // The SLA clock starts when CmBot opened the incident (audited), not when the first mention was published.
        var openedAt = (await db.AuditEvents.AsNoTracking()
                .Where(e => e.Action == AuditActions.IncidentOpened && textIds.Contains(e.SubjectId))
                .Select(e => new { e.SubjectId, e.At })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.SubjectId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Min(e => e.At), StringComparer.OrdinalIgnoreCase);
        var recorded = (await db.Set<SlaAlert>().AsNoTracking().Where(a => ids.Contains(a.IncidentId)).Select(a => new { a.IncidentId, a.Threshold }).ToListAsync(cancellationToken))
            .ToLookup(a => a.IncidentId, a => a.Threshold);

        var sent = 0;
        foreach (var incident in open.OrderBy(i => i.Severity).ThenBy(i => i.Number))
        {
            var fact = new IncidentFact(
                incident.Id, incident.Number, incident.Key, incident.Severity, incident.Status,
                openedAt.TryGetValue(incident.Id.ToString(), out var at) ? at : incident.OpenedAt,
                incident.AcknowledgedAt, incident.MentionCount);
            if (SlaAlertPlanner.Due(settings.Sla, fact, now, recorded[incident.Id].ToHashSet()) is { } due
                && await AnnounceAsync(incident, due, cancellationToken))
            {
                sent++;
            }
        }

        if (sent > 0)
        {
            signal.Notify();
        }

        return sent;
    }

    private async Task<bool> AnnounceAsync(Incident incident, SlaAlertDue due, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            try
            {
                // Another instance may have announced it since the scan read the table.
                if (await db.Set<SlaAlert>().AnyAsync(a => a.IncidentId == incident.Id && a.Threshold == due.Announce, cancellationToken))
                {
                    return false;
                }

                await SaveAsync(incident, due, cancellationToken);
                LogAnnounced(incident.Number, (int)due.Announce, incident.Severity);
                return true;
            }
            catch (DbUpdateException ex)
            {
                // The unique (incident, threshold) row or the audit chain was written by another instance first.
                LogConflict(ex, incident.Number, (int)due.Announce);
                return false;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task SaveAsync(Incident incident, SlaAlertDue due, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.Set<SlaAlert>().Add(new SlaAlert { IncidentId = incident.Id, Threshold = due.Announce, ReachedAt = due.ReachedAt, RecordedAt = now, Announced = true });
        foreach (var silent in due.RecordSilently)
        {
            db.Set<SlaAlert>().Add(new SlaAlert { IncidentId = incident.Id, Threshold = silent, ReachedAt = due.ReachedAt, RecordedAt = now, Announced = false });
        }

        var state = await db.Set<EscalationState>().FindAsync([incident.Id], cancellationToken);
        var addressee = Addressee(incident, state, now);
        var card = SlaAlertCards.Build(due, incident.Number, incident.Title, addressee, options.Value.Language, settings.Zone);
        var subjectId = $"{incident.Id}:{(int)due.Announce}";
        var incidentId = incident.Id.ToString();
        var destinations = new List<string>();
        foreach (var platform in platforms)
        {
            // In the incident's thread where its alert was posted (the alerts channel first), else in alerts.
            var posted = await db.ChatMessages.AsNoTracking()
                .Where(m => m.Platform == platform.Name && m.SubjectType == Subjects.Incident && m.SubjectId == incidentId)
                .Select(m => m.Channel)
                .ToListAsync(cancellationToken);
            var channel = posted.Contains(platform.Channels.Alerts) ? platform.Channels.Alerts : posted.FirstOrDefault();
            if (channel is not null)
            {
                await outbox.EnqueueAsync(platform, channel, Subject, subjectId, 1, card, (int)incident.Severity, threadSubjectId: incidentId, cancellationToken: cancellationToken);
            }
            else
            {
                channel = platform.Channels.Alerts;
                await outbox.EnqueueAsync(platform, channel, Subject, subjectId, 1, card, (int)incident.Severity, cancellationToken: cancellationToken);
            }

            destinations.Add($"{platform.Name}:{channel}");
            if (due.Announce == SlaThreshold.Breach)
            {
                var leads = platform.Channels.For(ChatChannels.LeadsKey) ?? platform.Channels.Direction;
                if (leads != channel)
                {
                    await outbox.EnqueueAsync(platform, leads, Subject, subjectId, 1, card, (int)incident.Severity, cancellationToken: cancellationToken);
                    destinations.Add($"{platform.Name}:{leads}");
                }
            }
        }

        var escalated = due.Announce == SlaThreshold.Breach && state is not null && await EscalateAsync(incident, cancellationToken);
        var action = due.Announce == SlaThreshold.Breach ? AuditActions.SlaBreached : AuditActions.SlaWarningSent;
        await audit.AppendAsync("cmbot", action, Subjects.Incident, incidentId, new
        {
            threshold = (int)due.Announce,
            severity = incident.Severity.ToString(),
            target = due.Verdict.Target,
            used = due.Verdict.Used,
            dueAt = due.Verdict.DueAt,
            reachedAt = due.ReachedAt,
            owner = incident.AssignedTo,
            addressed = addressee?.Person.Id,
            onCall = addressee?.OnCall ?? false,
            escalated,
            passedUnannounced = due.RecordSilently.Select(t => (int)t).ToArray(),
            destinations,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The assignee; else, nobody owning it, whoever its frozen escalation policy has on call now; else nobody.</summary>
    private SlaAddressee? Addressee(Incident incident, EscalationState? state, DateTimeOffset now)
    {
        if (incident.AssignedTo is { } assignee && people.FindById(assignee) is { } owner)
        {
            return new SlaAddressee(owner, OnCall: false);
        }

        var policy = state is null ? null : EscalationPolicyJson.Deserialize(state.PolicyJson);
        return policy?.OnCallAt(now) is { } id && people.FindById(id) is { } onCall ? new SlaAddressee(onCall, OnCall: true) : null;
    }

    /// <summary>
    /// A breach brings the incident's next escalation step forward, through the engine (same notices, same
    /// exactly-once record as a person's "Escalate now"); returns false when its ladder has no step left.
    /// </summary>
    private async Task<bool> EscalateAsync(Incident incident, CancellationToken cancellationToken)
    {
        try
        {
            await escalation.EscalateNowAsync(incident, System, cancellationToken);
            return true;
        }
        catch (DomainRuleException ex)
        {
            LogNotEscalated(incident.Number, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA: incident #{Number} breached but its escalation did not move: {Reason}")]
    private partial void LogNotEscalated(int number, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA: incident #{Number} ({Severity}) reached {Threshold}% of its response target; warned")]
    private partial void LogAnnounced(int number, int threshold, Severity severity);

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA: incident #{Number} at {Threshold}% was recorded by another instance first; skipped")]
    private partial void LogConflict(Exception exception, int number, int threshold);
}
