namespace CmBot.Bot.Slack.Inbound;

/// <summary>What the inbox writer stores for one delivery; a fresh entity is made from it for every commit attempt.</summary>
public sealed record SlackInboxEntry(
    SlackPayloadKind Kind,
    string Type,
    string? DedupKey,
    string? Signature,
    string Payload,
    DateTimeOffset ReceivedAt,
    SlackInboxState State,
    int? RetryNum,
    string? Note = null)
{
    public SlackInboxItem ToItem() => new()
    {
        Kind = Kind,
        Type = Type,
        DedupKey = DedupKey,
        Signature = Signature,
        Payload = Payload,
        ReceivedAt = ReceivedAt,
        State = State,
        RetryNum = RetryNum,
        LastError = Note,
    };

    /// <summary>The row recorded for a retry of something already stored: just enough to refuse its replay.</summary>
    public SlackInboxItem ToDuplicateMarker() => new()
    {
        Kind = Kind,
        Type = Type,
        Signature = Signature,
        Payload = string.Empty,
        ReceivedAt = ReceivedAt,
        State = SlackInboxState.Duplicate,
        RetryNum = RetryNum,
    };
}

/// <summary>What became of a delivery handed to the inbox writer.</summary>
public enum SlackInboxWriteResult
{
    /// <summary>Committed: safe to acknowledge.</summary>
    Stored,

    /// <summary>Already stored (a Slack retry): acknowledge without acting again.</summary>
    Duplicate,

    /// <summary>The same signed request was already accepted: refuse it.</summary>
    Replayed,
}
