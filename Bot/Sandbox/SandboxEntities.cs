namespace CmBot.Bot.Sandbox;

/// <summary>A message in one of the sandbox's channels, holding the card it shows.</summary>
public sealed class SandboxMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }

    /// <summary>The root message when this one is a thread reply.</summary>
    public long? ThreadId { get; set; }

    public required string CardJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The outbox row that posted it: a row retried after its sender died adopts this message instead of posting twice.</summary>
    public string? OutboxKey { get; set; }
}

/// <summary>A reply published on the sandbox's public timeline (the stand-in for a social network).</summary>
public sealed class PublicPost
{
    public long Id { get; set; }
    public Guid DraftId { get; set; }
    public required string Author { get; set; }
    public required string Text { get; set; }
    public required string TextSha256 { get; set; }
    public string? InReplyTo { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}
