namespace CmBot.Bot.Storage;

/// <summary>How far a source has been read, and how it is doing, so a restart neither loses nor repeats mentions.</summary>
public sealed class SourceCursor
{
    public required string Source { get; set; }
    public string? Cursor { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
}
