namespace CmBot.Core.Replies;

public enum DraftStatus
{
    /// <summary>Being written; any approval it had was voided by the last edit.</summary>
    Editing,
    Approved,
    Rejected,
    Published,
}
