using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using CmBot.Core.Approvals;
using CmBot.Core.Audit;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Replies.Deadlines;

/// <summary>
/// Runs inside the caller's unit of work: sends a draft's due approval notices (a fired row under a unique key,
/// outbox rows and an audit event, committed together) and keeps one persistent trigger for the next notice. The
/// reminder goes to the people who could sign what is missing, the deputy call to the deadline's deputy, each by
/// direct message and as a note in the incident's thread. Triggers are scheduled before the commit: one whose work
/// was rolled back finds nothing due; a failure to schedule is logged and never fails the action.
/// </summary>
public sealed partial class ApprovalDeadlineEngine(
    CmBotDbContext db,
    AuditLog audit,
    CardOutbox outbox,
    IEnumerable<IChatPlatform> platforms,
    ApprovalDeadlines deadlines,
    PeopleDirectory people,
    ApprovalDeadlineScheduler scheduler,
    TimeProvider time,
    IOptions<CmBotOptions> options,
    ILogger<ApprovalDeadlineEngine> logger)
{
    public const string Actor = "cmbot";

    private ApprovalNoticeLabels Labels => ApprovalNoticeLabels.For(options.Value.Language);

    /// <summary>The deadline that applies to a draft of this incident, or none.</summary>
    public ApprovalDeadline? DeadlineFor(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return deadlines.For(incident.Severity);
    }

    /// <summary>After a draft was created or changed: fires what is due and schedules the next notice of its request.</summary>
    public async Task PlanAsync(Draft draft, Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(incident);
        await FireDueAsync(draft, incident, cancellationToken);
    }

    /// <summary>Fires what is due for the draft now and schedules the next notice; a no-op for a draft that no longer waits.</summary>
    public async Task FireDueAsync(Guid draftId, CancellationToken cancellationToken)
    {
        var draft = await db.Drafts.Include(d => d.Approvals).SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
        var incident = draft is null ? null : await db.Incidents.FindAsync([draft.IncidentId], cancellationToken);
        if (draft is not null && incident is not null)
        {
            await FireDueAsync(draft, incident, cancellationToken);
        }
    }

    /// <summary>The notice kinds already fired for the draft's current revision (in the database or added in this unit of work).</summary>
    public async Task<IReadOnlyCollection<ApprovalNoticeKind>> FiredAsync(Draft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var stored = await db.Set<ApprovalNoticeFired>().AsNoTracking()
            .Where(f => f.DraftId == draft.Id && f.Revision == draft.Revision)
            .Select(f => f.Kind)
            .ToListAsync(cancellationToken);
        var added = db.Set<ApprovalNoticeFired>().Local.Where(f => f.DraftId == draft.Id && f.Revision == draft.Revision).Select(f => f.Kind);
        return stored.Concat(added).ToHashSet();
    }

    private async Task FireDueAsync(Draft draft, Incident incident, CancellationToken cancellationToken)
    {
        var deadline = DeadlineFor(incident);
        if (deadline is null || !draft.AwaitsApproval)
        {
            return;
        }

        var now = time.GetUtcNow();
        var fired = await FiredAsync(draft, cancellationToken);
        foreach (var notice in ApprovalClock.Due(draft, deadline, fired, now))
        {
            var recipients = Recipients(draft, deadline, notice.Kind);
            var reached = await NotifyAsync(draft, incident, notice, deadline, recipients, now, cancellationToken);
            db.Add(new ApprovalNoticeFired
            {
                DraftId = draft.Id,
                Revision = notice.Revision,
                Kind = notice.Kind,
                DueAt = notice.DueAt,
                FiredAt = now,
                Recipients = string.Join(',', reached),
            });
            await audit.AppendAsync(
                Actor,
                notice.Kind == ApprovalNoticeKind.Reminder ? AuditActions.ApprovalReminded : AuditActions.ApprovalEscalatedToDeputy,
                Subjects.Draft,
                draft.Id.ToString(),
                new { incident.Number, draft.Revision, missing = draft.DescribeMissing(), deputy = notice.Kind == ApprovalNoticeKind.Deputy ? deadline.Deputy : null, dueAt = notice.DueAt, lateSeconds = Math.Round((now - notice.DueAt).TotalSeconds, 1), recipients = reached },
                cancellationToken);
            fired = [.. fired, notice.Kind];
            LogFired(incident.Number, notice.Kind, draft.Revision, (now - notice.DueAt).TotalSeconds, string.Join(',', reached));
        }

        // A deputy call that fired makes the reminder moot: nothing further is planned for this revision.
        if (!fired.Contains(ApprovalNoticeKind.Deputy) && ApprovalClock.Next(draft, deadline, fired) is { } next)
        {
            try
            {
                await scheduler.ScheduleAsync(draft.Id, next, cancellationToken);
            }
            catch (Exception ex) when (ex is Quartz.SchedulerException or System.Data.Common.DbException)
            {
                // A click must not fail because the scheduler's store hiccuped: the draft is committed and the next
                // start (ApprovalDeadlineRecovery) schedules the notice again.
                LogScheduleFailed(ex, incident.Number, next.Kind, draft.Revision);
            }
        }
    }

    /// <summary>Reminder: whoever could sign a missing step (not the author, not who already signed). Deputy call: the deputy.</summary>
    private List<Person> Recipients(Draft draft, ApprovalDeadline deadline, ApprovalNoticeKind kind)
    {
        var signed = draft.Approvals.Where(a => a.Valid && a.Decision == ApprovalDecision.Approved && a.TextSha256 == draft.TextSha256).Select(a => a.ApproverId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = draft.MissingSteps();
        return [.. people.All
            .Where(p => p.Id != draft.AuthorId && !signed.Contains(p.Id))
            .Where(p => kind == ApprovalNoticeKind.Reminder ? missing.Any(s => s.AcceptsAny(p)) : deadline.IsDeputy(p))
            .OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<string>> NotifyAsync(Draft draft, Incident incident, ApprovalNotice notice, ApprovalDeadline deadline, IReadOnlyList<Person> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deputy = people.FindById(deadline.Deputy)?.Name ?? deadline.Deputy;
        var card = ApprovalNotices.Card(draft, incident, notice, deputy, now, Labels);
        var noticeId = string.Create(CultureInfo.InvariantCulture, $"{draft.Id}:{notice.Revision}:{notice.Kind}");
        var priority = (int)incident.Severity;
        var reached = new List<string> { "channel:alerts" };
        var direct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            await outbox.EnqueueAsync(platform, platform.Channels.Alerts, Subjects.ApprovalNotice, noticeId, 1, card, priority, threadSubjectId: incident.Id.ToString(), cancellationToken: cancellationToken);
            foreach (var person in recipients)
            {
                if (platform.DirectChannelFor(person) is { } channel)
                {
                    await outbox.EnqueueAsync(platform, channel, Subjects.ApprovalNotice, noticeId, 1, card, priority, cancellationToken: cancellationToken);
                    direct.Add(person.Id);
                }
            }
        }

        reached.AddRange(recipients.Select(p => (direct.Contains(p.Id) ? "person:" : "unreachable:") + p.Id));
        return reached;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident #{Number}: approval {Kind} for revision {Revision} fired {LateSeconds:0.0} s after its due time to {Recipients}")]
    private partial void LogFired(int number, ApprovalNoticeKind kind, int revision, double lateSeconds, string recipients);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident #{Number}: could not schedule the approval {Kind} of revision {Revision}; the periodic trigger check (or the next start) schedules it again")]
    private partial void LogScheduleFailed(Exception exception, int number, ApprovalNoticeKind kind, int revision);
}
