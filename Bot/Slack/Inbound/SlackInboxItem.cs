namespace CmBot.Bot.Slack.Inbound;

public enum SlackInboxState
{
    /// <summary>Stored and acknowledged; the processor has not acted on it yet.</summary>
    Pending,

    /// <summary>
    /// Claimed by a processor (compare-and-set from <see cref="Pending"/>), so two CmBot instances never act on the
    /// same delivery; back to pending if that processor died before finishing (<see cref="SlackInboxItem.ProcessedAt"/>
    /// is the claim time).
    /// </summary>
    Processing,

    /// <summary>The processor acted on it.</summary>
    Done,

    /// <summary>Nothing to do (an event CmBot does not act on, a command answered in the HTTP response): kept for dedup and audit.</summary>
    Ignored,

    /// <summary>The processor gave up after repeated errors (logged with the reason).</summary>
    Failed,

    /// <summary>
    /// A retry of a delivery already stored: no payload, kept only so its own signature cannot be replayed either.
    /// </summary>
    Duplicate,
}

/// <summary>
/// One delivery from Slack, written before the 2xx so nothing acknowledged is lost. <see cref="DedupKey"/> is unique
/// (Slack's retries share it); <see cref="Signature"/> is unique (a replayed request is refused). Rows are trimmed
/// after a day, far beyond the signature window.
/// </summary>
public sealed class SlackInboxItem
{
    public long Id { get; set; }
    public SlackPayloadKind Kind { get; set; }

    /// <summary>The event or interaction type, or the slash command ("app_mention", "block_actions", "/cm").</summary>
    public required string Type { get; set; }

    public string? DedupKey { get; set; }
    public string? Signature { get; set; }

    /// <summary>The payload JSON exactly as received (for a slash command, its form fields as a JSON object).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public SlackInboxState State { get; set; }

    /// <summary>X-Slack-Retry-Num of the copy that was stored (null for a first delivery).</summary>
    public int? RetryNum { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public string? LastError { get; set; }
}
