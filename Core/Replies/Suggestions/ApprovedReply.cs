namespace CmBot.Core.Replies.Suggestions;

/// <summary>
/// A reply that went through approval (or was published after it), with the mention it answered: the material
/// suggestions are drawn from. <see cref="AuthorFirstName"/> is the signature to swap for the new author's.
/// </summary>
public sealed record ApprovedReply(Guid DraftId, string Language, string MentionText, string ReplyText, string? AuthorFirstName);

/// <summary>An approved reply proposed for a new mention, with the cosine similarity of the two mentions (0..1).</summary>
public sealed record ReplySuggestion(ApprovedReply Reply, double Score);
