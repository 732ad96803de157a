using CmBot.Bot.Storage;

namespace CmBot.Bot.Chat;

/// <summary>Sends one kind of outbox message. Returns the external id of what was sent, if any.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    Task<OutboxResult> SendAsync(OutboxMessage message, CmBotDbContext db, CancellationToken cancellationToken);
}

public enum OutboxOutcome
{
    Sent,

    /// <summary>A newer message for the same card makes this one pointless.</summary>
    Superseded,

    /// <summary>Not possible yet (the thread root is not posted); try again soon.</summary>
    NotYet,
}

public sealed record OutboxResult(OutboxOutcome Outcome, string? ExternalId = null);
