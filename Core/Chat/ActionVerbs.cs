namespace CmBot.Core.Chat;

/// <summary>
/// Stable identifiers of the buttons. Slack action ids, Teams Action.Execute verbs and the sandbox all carry
/// these strings, so they never change once shipped.
/// </summary>
public static class ActionVerbs
{
    public const string Acknowledge = "incident.ack";
    public const string Assign = "incident.assign";
    public const string EscalateNow = "incident.escalate";
    public const string Snooze = "incident.snooze";
    public const string Resolve = "incident.resolve";
    public const string Dismiss = "incident.dismiss";

    /// <summary>"Mute topic": silences the incident's grouping key for the configured time.</summary>
    public const string MuteTopic = "incident.mute";

    /// <summary>Creates a silence from the inputs <see cref="CardInputs.SilenceMatch"/>, <see cref="CardInputs.SilenceDuration"/>, <see cref="CardInputs.SilenceReason"/>.</summary>
    public const string SilenceCreate = "silence.create";

    /// <summary>Ends a silence before its time; the target is its id or short id.</summary>
    public const string SilenceEnd = "silence.end";
    public const string Draft = "draft.create";
    public const string EditDraft = "draft.edit";
    public const string Approve = "draft.approve";
    public const string Reject = "draft.reject";
    public const string Publish = "draft.publish";
    public const string PublishDirect = "draft.publish-direct";
    public const string BreakGlass = "draft.break-glass";
    public const string MarkReviewed = "draft.review";
    public const string RequestChanges = "draft.request-changes";
    public const string MarkPosted = "draft.mark-posted";

    /// <summary>Turns a suggested approved reply into the draft's next version; the target is "{draft}+{approved draft}".</summary>
    public const string UseSuggestion = "draft.use-suggestion";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Acknowledge, Assign, EscalateNow, Snooze, Resolve, Dismiss,
        Draft, EditDraft, Approve, Reject, Publish, PublishDirect, BreakGlass, MarkReviewed,
        MuteTopic, SilenceCreate, SilenceEnd,
        RequestChanges, MarkPosted, UseSuggestion,
    };
}

/// <summary>Ids of the inputs a card may carry.</summary>
public static class CardInputs
{
    public const string DraftText = "draft_text";
    public const string Comment = "comment";

    /// <summary>Where a reply posted by hand can be read (an http or https URL).</summary>
    public const string PostedLink = "posted_link";

    /// <summary>Who an incident is assigned to (a person id); absent means "to me".</summary>
    public const string Assignee = "assignee";

    /// <summary>How long to snooze the next escalation step, in minutes.</summary>
    public const string SnoozeMinutes = "snooze_minutes";

    /// <summary>Why an incident is dismissed: noise, false-positive or duplicate.</summary>
    public const string DismissReason = "dismiss_reason";

    /// <summary>What a new silence mutes: a word or label matchers (topic=recall, risk=legal).</summary>
    public const string SilenceMatch = "silence_match";

    /// <summary>How long a new silence lasts, as typed (30m, 2h, 1d).</summary>
    public const string SilenceDuration = "silence_duration";

    /// <summary>Why the silence is created (optional).</summary>
    public const string SilenceReason = "silence_reason";
}
