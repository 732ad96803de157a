namespace CmBot.Core.Audit;

/// <summary>The verbs of the audit log. Stable: reports and exports read them.</summary>
public static class AuditActions
{
    public const string MentionTriaged = "mention.triaged";
    public const string MentionDuplicate = "mention.duplicate";
    public const string IncidentOpened = "incident.opened";
    public const string IncidentEscalatedSeverity = "incident.severity-raised";
    public const string AlertSent = "alert.sent";
    public const string AlertSilenced = "alert.silenced";
    public const string AlertInhibited = "alert.inhibited";
    public const string AlertMuted = "alert.muted";

    /// <summary>repeat_interval: a "still open" note for an incident nobody acknowledged.</summary>
    public const string AlertRepeated = "alert.repeated";
    public const string SilenceCreated = "silence.created";

    /// <summary>A silence ended before its time by someone (one that simply runs out is not an event).</summary>
    public const string SilenceExpired = "silence.expired";
    public const string IncidentAcknowledged = "incident.acknowledged";
    public const string IncidentAssigned = "incident.assigned";
    public const string IncidentResolved = "incident.resolved";
    public const string IncidentDismissed = "incident.dismissed";
    public const string IncidentReopened = "incident.reopened";
    public const string EscalationSnoozed = "escalation.snoozed";
    public const string EscalationEscalatedNow = "escalation.escalated-now";
    public const string EscalationStepFired = "escalation.step-fired";
    public const string EscalationReminderFired = "escalation.reminder-fired";
    public const string EscalationPolicyChanged = "escalation.policy-changed";

    /// <summary>A notice came due while the incident was silenced or inhibited: recorded, nobody paged.</summary>
    public const string EscalationMuted = "escalation.muted";
    public const string DraftCreated = "draft.created";
    public const string DraftEdited = "draft.edited";
    public const string ApprovalGranted = "approval.granted";
    public const string ApprovalRejected = "approval.rejected";
    public const string ChangesRequested = "approval.changes-requested";
    /// <summary>A draft waited for approval past the reminder share of its deadline; its approvers were reminded.</summary>
    public const string ApprovalReminded = "approval.reminded";

    /// <summary>A draft's approval deadline passed; the deputy was called in and may sign in place of the approvers.</summary>
    public const string ApprovalEscalatedToDeputy = "approval.escalated_to_deputy";
    public const string ActionRefused = "action.refused";
    public const string ReplyPublished = "reply.published";
    public const string PublishedWithoutApproval = "reply.published-without-approval";
    public const string ReplyReviewed = "reply.reviewed";

    /// <summary>Published, but the text read back from the platform is not the approved one.</summary>
    public const string ReplyLiveTextMismatch = "reply.live-text-mismatch";
    public const string DigestSent = "report.digest-sent";
    public const string ReportRequested = "report.requested";

    /// <summary>An open incident reached 50% or 75% of its response target; its owner (or the team) was warned.</summary>
    public const string SlaWarningSent = "sla.warning-sent";

    /// <summary>An open incident passed its response target unacknowledged; escalated to the leads.</summary>
    public const string SlaBreached = "sla.breached";
}
