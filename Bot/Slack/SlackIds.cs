using CmBot.Core.Chat;

namespace CmBot.Bot.Slack;

/// <summary>
/// The identifiers CmBot exchanges with Slack. Buttons carry an <see cref="ActionVerbs"/> verb as action_id and the
/// incident or draft id as value; card inputs use <see cref="CardInputs"/> ids as block_id and action_id; modals are
/// told apart by the callback ids below. Once shipped, none of these may change: old messages keep them.
/// </summary>
public static class SlackIds
{
    /// <summary>The platform name in <see cref="ChatLocation"/> and logs.</summary>
    public const string Platform = "slack";

    /// <summary>Modal (view) callback ids: which action a submitted modal performs.</summary>
    public const string EditDraftCallback = "cmbot.draft.edit";
    public const string ApproveDraftCallback = "cmbot.draft.approve";
    public const string RejectDraftCallback = "cmbot.draft.reject";
    public const string BreakGlassCallback = "cmbot.draft.break-glass";
    public const string SilenceCallback = "cmbot.silence.create";
    public const string RequestChangesCallback = "cmbot.draft.request-changes";
    public const string MarkPostedCallback = "cmbot.draft.mark-posted";

    /// <summary>The verb a CmBot modal performs when submitted, or null for a modal that is not ours.</summary>
    public static string? VerbOfCallback(string? callbackId) => callbackId switch
    {
        EditDraftCallback => ActionVerbs.EditDraft,
        ApproveDraftCallback => ActionVerbs.Approve,
        RejectDraftCallback => ActionVerbs.Reject,
        BreakGlassCallback => ActionVerbs.BreakGlass,
        SilenceCallback => ActionVerbs.SilenceCreate,
        RequestChangesCallback => ActionVerbs.RequestChanges,
        MarkPostedCallback => ActionVerbs.MarkPosted,
        _ => null,
    };

    /// <summary>The modal that collects a verb's input before it runs, or null when the verb runs at once.</summary>
    public static string? CallbackOfVerb(string verb) => verb switch
    {
        ActionVerbs.EditDraft => EditDraftCallback,
        ActionVerbs.Approve => ApproveDraftCallback,
        ActionVerbs.Reject => RejectDraftCallback,
        ActionVerbs.BreakGlass => BreakGlassCallback,
        ActionVerbs.RequestChanges => RequestChangesCallback,
        ActionVerbs.MarkPosted => MarkPostedCallback,
        _ => null,
    };
}

/// <summary>Outer <c>type</c> of an Events API delivery, and the event types CmBot reads.</summary>
public static class SlackEventTypes
{
    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";
    public const string AppRateLimited = "app_rate_limited";

    public const string AppMention = "app_mention";
    public const string Message = "message";
    public const string AppHomeOpened = "app_home_opened";

    /// <summary>Message subtypes that are not a person writing to CmBot.</summary>
    public const string BotMessageSubtype = "bot_message";
    public const string MessageChangedSubtype = "message_changed";

    /// <summary><c>channel_type</c> of a direct message with the app.</summary>
    public const string DirectMessageChannel = "im";
}

/// <summary><c>type</c> of an interactivity payload.</summary>
public static class SlackInteractionTypes
{
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";
    public const string ViewClosed = "view_closed";
    public const string Shortcut = "shortcut";
    public const string MessageAction = "message_action";
}

/// <summary>Words of Slack's response bodies (view_submission answers, slash command answers).</summary>
public static class SlackResponseFields
{
    public const string ResponseAction = "response_action";
    public const string Errors = "errors";
    public const string ResponseType = "response_type";
    public const string Ephemeral = "ephemeral";
    public const string Text = "text";
    public const string Challenge = "challenge";
}
