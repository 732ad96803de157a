namespace CmBot.Core.Replies.Suggestions;

/// <summary>An approved reply offered on a draft's card, with how similar its mention was; a button turns it into a new version.</summary>
public sealed record DraftSuggestion(Guid SourceDraftId, string Text, double Score)
{
    private const char Separator = '+';

    /// <summary>The button's target: the draft to change and the approved reply to take ("{draft}+{source}").</summary>
    public static string Target(Guid draftId, Guid sourceDraftId) => $"{draftId}{Separator}{sourceDraftId}";

    public static bool TryParseTarget(string? target, out Guid draftId, out Guid sourceDraftId)
    {
        draftId = sourceDraftId = Guid.Empty;
        var parts = (target ?? string.Empty).Split(Separator);
        return parts.Length == 2 && Guid.TryParse(parts[0], out draftId) && Guid.TryParse(parts[1], out sourceDraftId);
    }
}
