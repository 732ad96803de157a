namespace CmBot.Core.Chat;

/// <summary>
/// Stable identifiers of the buttons. Slack action ids, Teams Action.Execute verbs and the sandbox all carry
/// these strings, so they never change once shipped.
/// </summary>
public static class ActionVerbs
{
    public const string Acknowledge = "incident.ack";
    public const string Draft = "draft.create";
    public const string EditDraft = "draft.edit";
    public const string Approve = "draft.approve";
    public const string Reject = "draft.reject";
    public const string Publish = "draft.publish";
    public const string PublishDirect = "draft.publish-direct";
    public const string BreakGlass = "draft.break-glass";
    public const string MarkReviewed = "draft.review";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Acknowledge, Draft, EditDraft, Approve, Reject, Publish, PublishDirect, BreakGlass, MarkReviewed,
    };
}

/// <summary>Ids of the inputs a card may carry.</summary>
public static class CardInputs
{
    public const string DraftText = "draft_text";
    public const string Comment = "comment";
}
