namespace CmBot.Bot.Storage;

/// <summary>Where a card lives on a platform, so it can be edited in place and replied to in its thread.</summary>
public sealed class ChatMessageRef
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string Channel { get; set; }
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }
    public required string ExternalId { get; set; }
    public string? ThreadExternalId { get; set; }

    /// <summary>The subject version the platform shows now.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
