using CmBot.Bot.Storage;

namespace CmBot.Bot.Chat;

/// <summary>
/// Sends one kind of outbox message. Runs outside the write gate (it may wait on the network); the entities it
/// adds to <c>db</c> and the audit entry it returns are committed by the dispatcher with the message's new state.
/// </summary>
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

/// <summary>An audit event to append when the send is committed.</summary>
public sealed record OutboxAudit(string ActorId, string Action, string SubjectType, string SubjectId, object Details);

public sealed record OutboxResult(OutboxOutcome Outcome, string? ExternalId = null, OutboxAudit? Audit = null);
