using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Escalation;

/// <summary>
/// Runs inside the caller's unit of work: freezes a policy onto an incident, sends every notice that is due (a
/// fired row under a unique key, outbox rows and an audit event, all committed together) and keeps one persistent
/// trigger for the next notice. Triggers are scheduled before the commit: a trigger whose work was rolled back
/// finds nothing due and does nothing, while a commit without its trigger would leave the ladder stuck.
/// </summary>
public sealed partial class EscalationEngine(
    CmBotDbContext db,
    AuditLog audit,
    CardOutbox outbox,
    CardPublisher cards,
    IEnumerable<IChatPlatform> platforms,
    EscalationPolicySet policies,
    PeopleDirectory people,
    EscalationScheduler scheduler,
    AfterCommit afterCommit,
    TimeProvider time,
    IOptions<CmBotOptions> options,
    ILogger<EscalationEngine> logger)
{
    public const string Actor = "cmbot";

    private EscalationNoticeLabels Labels => EscalationNoticeLabels.For(options.Value.Language);

    public EscalationTexts Texts => EscalationTexts.For(options.Value.Language);

    /// <summary>
    /// Starts the incident's escalation (new incident) or, when it climbed to a severity whose policy differs from
    /// the frozen one, replaces it; then fires what is due now (a step at 0 min goes out with the alert) and
    /// schedules the next notice.
    /// </summary>
    /// <param name="routed">Whether routing sends the incident's alerts: a silenced or inhibited incident does not start paging people.</param>
    /// <param name="climbed">The incident was just opened or its severity rose: only then may another policy replace the frozen one.</param>
    /// <param name="firstAlertAt">When the first alert reaches a channel (after its route's group_wait): a new ladder starts then.</param>
    public async Task StartOrClimbAsync(Incident incident, bool routed, bool climbed, CancellationToken cancellationToken, DateTimeOffset? firstAlertAt = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!routed)
        {
            return;
        }

        var now = time.GetUtcNow();
        var state = await FindStateAsync(incident, cancellationToken);
        if (state is not null && !climbed)
        {
            return;
        }

        var policy = policies.For(incident.Severity, now);
        if (policy is null || (state is not null && state.PolicyName == policy.Name))
        {
            return;
        }

        var json = EscalationPolicyJson.Serialize(policy);
        if (state is null)
        {
            state = EscalationState.Start(incident.Id, policy.Name, json, firstAlertAt is { } at && at > now ? at : now);
            db.Add(state);
        }
        else
        {
            var from = state.PolicyName;
            state.Refreeze(policy.Name, json, now);
            await audit.AppendAsync(Actor, AuditActions.EscalationPolicyChanged, Subjects.Incident, incident.Id.ToString(), new { incident.Number, from, to = policy.Name, severity = incident.Severity.ToString() }, cancellationToken);
        }

        LogFrozen(incident.Number, policy.Name, state.Generation);
        await FireDueAsync(incident, state, routed: true, cancellationToken);
    }

    /// <summary>Fires what is due for the incident now and schedules the next notice; a no-op without an escalation.</summary>
    public async Task FireDueAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FindAsync([incidentId], cancellationToken);
        var state = await FindStateAsync(incidentId, cancellationToken);
        if (incident is not null && state is not null)
        {
            await FireDueAsync(incident, state, await cards.IsRoutedAsync(incident, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Re-plans after a change of the incident (acknowledged: reminders replace the ladder).</summary>
    public async Task ReplanAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (await FindStateAsync(incident.Id, cancellationToken) is { } state)
        {
            await FireDueAsync(incident, state, routed: true, cancellationToken);
        }
    }

    /// <summary>Delays the next notice to now + <paramref name="delay"/>; returns when it is now due.</summary>
    public async Task<DateTimeOffset> SnoozeAsync(Incident incident, Person person, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(person);
        var state = await FindStateAsync(incident.Id, cancellationToken) ?? throw new Core.Common.DomainRuleException("state", Texts.NoPolicy);
        var policy = EscalationPolicyJson.Deserialize(state.PolicyJson);
        var until = time.GetUtcNow() + delay;
        var due = state.Snooze(policy, incident.Status, incident.AcknowledgedAt, until, Texts);
        await audit.AppendAsync(person.Id, AuditActions.EscalationSnoozed, Subjects.Incident, incident.Id.ToString(), new { incident.Number, until, nextDueAt = due }, cancellationToken);
        await ScheduleNextAsync(incident, state, policy, cancellationToken);
        return due;
    }

    /// <summary>Fires the next step now (the later ones keep their spacing).</summary>
    public async Task EscalateNowAsync(Incident incident, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(person);
        var state = await FindStateAsync(incident.Id, cancellationToken) ?? throw new Core.Common.DomainRuleException("state", Texts.NoPolicy);
        var policy = EscalationPolicyJson.Deserialize(state.PolicyJson);
        var next = state.EscalateNow(policy, incident.Status, time.GetUtcNow(), Texts);
        await audit.AppendAsync(person.Id, AuditActions.EscalationEscalatedNow, Subjects.Incident, incident.Id.ToString(), new { incident.Number, step = next.StepIndex + 1 }, cancellationToken);
        await FireDueAsync(incident, state, routed: true, cancellationToken);
    }

    private Task<EscalationState?> FindStateAsync(Guid incidentId, CancellationToken cancellationToken) =>
        db.Set<EscalationState>().FindAsync([incidentId], cancellationToken).AsTask();

    /// <summary>An incident opened in this unit of work has no stored escalation: only this unit of work may have started one.</summary>
    private Task<EscalationState?> FindStateAsync(Incident incident, CancellationToken cancellationToken) =>
        db.Entry(incident).State == EntityState.Added
            ? Task.FromResult(db.Set<EscalationState>().Local.FirstOrDefault(s => s.IncidentId == incident.Id))
            : FindStateAsync(incident.Id, cancellationToken);

    /// <param name="routed">False while the incident is silenced or inhibited: due notices are recorded as muted, nobody is paged.</param>
    private async Task FireDueAsync(Incident incident, EscalationState state, bool routed, CancellationToken cancellationToken)
    {
        var policy = EscalationPolicyJson.Deserialize(state.PolicyJson);
        var now = time.GetUtcNow();
        while (state.Next(policy, incident.Status, incident.AcknowledgedAt) is { } next && next.DueAt <= now)
        {
            var recipients = policy.Resolve(next.Targets, now, people);
            // The clock people read starts with the first alert (the ladder's start), not with the post's own date.
            var since = next.Kind == NoticeKind.Step ? now - state.StartedAt : now - (incident.AcknowledgedAt ?? state.StartedAt);
            IReadOnlyList<string> sent = routed ? await NotifyAsync(incident, state.Generation, next, recipients, since, cancellationToken) : ["muted"];
            db.Add(new EscalationFired
            {
                IncidentId = incident.Id,
                Generation = state.Generation,
                Kind = next.Kind,
                Sequence = next.Sequence,
                StepIndex = next.StepIndex,
                DueAt = next.DueAt,
                FiredAt = now,
                Recipients = string.Join(',', sent),
            });
            await audit.AppendAsync(
                Actor,
                !routed ? AuditActions.EscalationMuted : next.Kind == NoticeKind.Step ? AuditActions.EscalationStepFired : AuditActions.EscalationReminderFired,
                Subjects.Incident,
                incident.Id.ToString(),
                new { incident.Number, policy = policy.Name, generation = state.Generation, step = next.StepIndex + 1, sequence = next.Sequence, dueAt = next.DueAt, lateSeconds = Math.Round((now - next.DueAt).TotalSeconds, 1), recipients = sent },
                cancellationToken);
            state.MarkFired(next);
            LogFired(incident.Number, next.Kind, next.Sequence, next.StepIndex + 1, (now - next.DueAt).TotalSeconds, string.Join(',', sent));
        }

        await ScheduleNextAsync(incident, state, policy, cancellationToken);
    }

    private async Task ScheduleNextAsync(Incident incident, EscalationState state, EscalationPolicy policy, CancellationToken cancellationToken)
    {
        if (state.Next(policy, incident.Status, incident.AcknowledgedAt) is { } next)
        {
            var number = incident.Number;
            var incidentId = incident.Id;
            var name = TriggerName(state.Generation, next);
            await afterCommit.RunOrDeferAsync(
                async ct =>
                {
                    try
                    {
                        await scheduler.ScheduleAsync(incidentId, name, next.DueAt, ct);
                    }
                    catch (Exception ex) when (ex is Quartz.SchedulerException or System.Data.Common.DbException)
                    {
                        // A click or a mention must not fail because the scheduler's store hiccuped: the state is
                        // committed, and TriggerSweep (or the next start) schedules the notice again.
                        LogScheduleFailed(ex, number, next.Kind, next.Sequence);
                    }
                },
                cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident #{Number}: could not schedule {Kind} {Sequence}; the periodic trigger check (or the next start) schedules it again")]
    private partial void LogScheduleFailed(Exception exception, int number, NoticeKind kind, int sequence);

    public static string TriggerName(int generation, PlannedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return string.Create(CultureInfo.InvariantCulture, $"g{generation}-{notice.Kind}-{notice.Sequence}@{notice.DueAt.UtcTicks}");
    }

    /// <summary>
    /// Channels get the alert card (once: an existing copy is edited, never repeated) and a note in its thread; people
    /// get the alert card by direct message, or a note there when they already have it. Returns who was reached.
    /// </summary>
    private async Task<IReadOnlyList<string>> NotifyAsync(Incident incident, int generation, PlannedNotice notice, IReadOnlyList<Recipient> recipients, TimeSpan since, CancellationToken cancellationToken)
    {
        var shown = (await cards.ShownInAsync(incident, cancellationToken)).ToHashSet();
        var alert = await cards.AlertCardAsync(incident, cancellationToken);
        var noticeId = string.Create(CultureInfo.InvariantCulture, $"{incident.Id}:{generation}:{notice.Kind}:{notice.Sequence}");
        if (db.Entry(incident).State == EntityState.Added)
        {
            // The incident's first notice, in the unit of work that opens it: nothing stored can name either.
            outbox.SubjectIsNew(incident.Id.ToString());
            outbox.SubjectIsNew(noticeId);
        }
        var priority = (int)incident.Severity;
        var persons = recipients.Where(r => !r.IsChannel).Select(r => people.FindById(r.Id)).OfType<Person>().ToList();
        var reached = new List<string>();
        var unreachable = persons.Where(p => platforms.All(platform => platform.DirectChannelFor(p) is null)).Select(p => p.Name).ToList();
        var notified = persons.Where(p => !unreachable.Contains(p.Name)).Select(p => p.Name).ToList();
        var note = EscalationNotices.ThreadNote(incident, notice, since, notified, unreachable, Labels);
        foreach (var platform in platforms)
        {
            var threads = new HashSet<string>(StringComparer.Ordinal);
            if (shown.Contains((platform.Name, platform.Channels.Alerts)))
            {
                threads.Add(platform.Channels.Alerts);
            }

            foreach (var key in recipients.Where(r => r.IsChannel).Select(r => r.Id))
            {
                var channel = platform.Channels.For(key) ?? platform.Channels.Alerts;
                if (shown.Add((platform.Name, channel)))
                {
                    await outbox.EnqueueAsync(platform, channel, Subjects.Incident, incident.Id.ToString(), incident.Version, alert, priority, cancellationToken: cancellationToken);
                }

                threads.Add(channel);
            }

            foreach (var person in persons)
            {
                if (platform.DirectChannelFor(person) is not { } direct)
                {
                    continue;
                }

                if (shown.Add((platform.Name, direct)))
                {
                    await outbox.EnqueueAsync(platform, direct, Subjects.Incident, incident.Id.ToString(), incident.Version, EscalationNotices.Paged(alert, notice, Labels), priority, cancellationToken: cancellationToken);
                }
                else
                {
                    await outbox.EnqueueAsync(platform, direct, Subjects.Escalation, noticeId, 1, note, priority, cancellationToken: cancellationToken);
                }
            }

            foreach (var channel in threads)
            {
                await outbox.EnqueueAsync(platform, channel, Subjects.Escalation, noticeId, 1, note, priority, threadSubjectId: incident.Id.ToString(), cancellationToken: cancellationToken);
            }
        }

        reached.AddRange(recipients.Where(r => r.IsChannel).Select(r => "channel:" + r.Id));
        reached.AddRange(persons.Where(p => !unreachable.Contains(p.Name)).Select(p => "person:" + p.Id));
        reached.AddRange(persons.Where(p => unreachable.Contains(p.Name)).Select(p => "unreachable:" + p.Id));
        return reached;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident #{Number}: escalation policy {Policy} frozen (generation {Generation})")]
    private partial void LogFrozen(int number, string policy, int generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident #{Number}: {Kind} {Sequence} (step {Step}) fired {LateSeconds:0.0} s after its due time to {Recipients}")]
    private partial void LogFired(int number, NoticeKind kind, int sequence, int step, double lateSeconds, string recipients);
}
