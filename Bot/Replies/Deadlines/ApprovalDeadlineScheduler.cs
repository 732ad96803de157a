using System.Globalization;
using CmBot.Core.Approvals;
using CmBot.Bot.Jobs;
using Quartz;

namespace CmBot.Bot.Replies.Deadlines;

/// <summary>
/// Keeps a persistent Quartz trigger for a draft's next approval notice. The trigger's name carries the revision, the
/// notice and its due time, so scheduling it twice (two instances, a retry, a restart) is harmless; a trigger whose
/// draft was approved, rejected, edited or published meanwhile finds nothing due and does nothing.
/// </summary>
public sealed class ApprovalDeadlineScheduler(ISchedulerFactory schedulers, TimeProvider time)
{
    public static readonly JobKey Job = new("approval-deadline", "approvals");
    public const string Group = "approvals";
    public const string DraftKey = "draftId";

    /// <summary>The trigger being executed by this scope's job: scheduling the same key again must not be skipped.</summary>
    public TriggerKey? Firing { get; set; }

    public static string TriggerName(Guid draftId, ApprovalNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return string.Create(CultureInfo.InvariantCulture, $"{draftId:N}:r{notice.Revision}-{notice.Kind}@{notice.DueAt.UtcTicks}");
    }

    /// <returns>True when the trigger was created (false: it was already there).</returns>
    public async Task<bool> ScheduleAsync(Guid draftId, ApprovalNotice notice, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await OneShotTrigger.ScheduleAsync(scheduler, new TriggerKey(TriggerName(draftId, notice), Group), Firing, Job, (DraftKey, draftId.ToString()), notice.DueAt, time, cancellationToken);
    }
}
