namespace CmBot.Bot.Storage;

public enum OutboxState
{
    Pending,
    Sending,
    Sent,

    /// <summary>A newer message for the same card and place replaced this one before it was sent.</summary>
    Superseded,

    /// <summary>Gave up after the platform refused it for good (reported, never silently dropped).</summary>
    Failed,
}

/// <summary>Kinds of work the outbox carries.</summary>
public static class OutboxKinds
{
    /// <summary>Make the card of a subject in a channel show this version: post it the first time, edit it after.</summary>
    public const string SyncCard = "chat.sync-card";

    /// <summary>Share an image (a report chart) as a file in the thread of a card (platforms with a files API).</summary>
    public const string UploadImage = "chat.upload-image";

    /// <summary>Publish an approved reply through a connector.</summary>
    public const string PublishReply = "reply.publish";
}

/// <summary>
/// One thing to send. Written in the same transaction as the decision that caused it, claimed by
/// compare-and-set, and sent once: the idempotency key is unique.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Kind { get; set; }
    public required string Platform { get; set; }
    public required string Channel { get; set; }
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }

    /// <summary>Version of the subject this message shows; older versions are never sent after newer ones.</summary>
    public int SubjectVersion { get; set; }

    /// <summary>Post in the thread of this subject's message in the same channel (a draft under its incident).</summary>
    public string? ThreadSubjectId { get; set; }

    /// <summary>1 (P1) first; 9 for work that is not about an alert.</summary>
    public int Priority { get; set; } = 9;

    public required string Payload { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>
    /// Times a sender claimed this row. More claims than attempts + 1 means a sender died between claim and
    /// result, so the platform may already have the message: handlers check before sending again.
    /// </summary>
    public int Claims { get; set; }

    public bool ClaimedBeforeWithoutResult => Claims > Attempts + 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? ExternalId { get; set; }
    public string? LastError { get; set; }
}
