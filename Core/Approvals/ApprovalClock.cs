using CmBot.Core.Replies;

namespace CmBot.Core.Approvals;

/// <summary>What happens to a request that waits: first the approvers are reminded, then the deputy is called in.</summary>
public enum ApprovalNoticeKind
{
    Reminder,
    Deputy,
}

/// <summary>One notice of a draft's approval request: for which revision of the text, and when it falls due.</summary>
public sealed record ApprovalNotice(ApprovalNoticeKind Kind, int Revision, DateTimeOffset DueAt);

/// <summary>
/// Plans the reminder and the deputy escalation of a draft waiting for approval. Pure: the caller says which notices
/// of the current revision already fired (a unique row each), so a notice fires once and a draft that was approved,
/// rejected, published or edited since finds nothing due for the old request.
/// </summary>
public static class ApprovalClock
{
    /// <summary>The notices of the current request in order, or none when the draft does not wait or has no deadline.</summary>
    public static IReadOnlyList<ApprovalNotice> Planned(Draft draft, ApprovalDeadline? deadline)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (deadline is null || !draft.AwaitsApproval)
        {
            return [];
        }

        var (remindAt, dueAt) = deadline.Times(draft.ApprovalRequestedAt);
        return
        [
            new ApprovalNotice(ApprovalNoticeKind.Reminder, draft.Revision, remindAt),
            new ApprovalNotice(ApprovalNoticeKind.Deputy, draft.Revision, dueAt),
        ];
    }

    /// <summary>The first notice not yet fired, due or not: the one a trigger must wake up for.</summary>
    public static ApprovalNotice? Next(Draft draft, ApprovalDeadline? deadline, IReadOnlyCollection<ApprovalNoticeKind> firedForRevision)
    {
        ArgumentNullException.ThrowIfNull(firedForRevision);
        return Planned(draft, deadline).FirstOrDefault(n => !firedForRevision.Contains(n.Kind));
    }

    /// <summary>
    /// The notices due at <paramref name="now"/> and not fired yet. When the deadline already passed (every instance
    /// was down), the reminder is skipped: the deputy notice says more.
    /// </summary>
    public static IReadOnlyList<ApprovalNotice> Due(Draft draft, ApprovalDeadline? deadline, IReadOnlyCollection<ApprovalNoticeKind> firedForRevision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(firedForRevision);
        var due = Planned(draft, deadline).Where(n => n.DueAt <= now && !firedForRevision.Contains(n.Kind)).ToList();
        return due.Any(n => n.Kind == ApprovalNoticeKind.Deputy) ? [.. due.Where(n => n.Kind == ApprovalNoticeKind.Deputy)] : due;
    }
}
