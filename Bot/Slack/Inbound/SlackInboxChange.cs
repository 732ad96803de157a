namespace CmBot.Bot.Slack.Inbound;

/// <summary>The processor's bookkeeping, committed by the inbox writer with the requests' entries.</summary>
public abstract record SlackInboxChange;

/// <summary>These items were acted on.</summary>
public sealed record SlackInboxMarkDone(IReadOnlyList<long> Ids, DateTimeOffset At) : SlackInboxChange;

/// <summary>An attempt on this item failed: it stays pending for a retry, or is given up (<see cref="SlackInboxState.Failed"/>).</summary>
public sealed record SlackInboxRecordFailure(long Id, SlackInboxState State, int Attempts, string Error, DateTimeOffset At) : SlackInboxChange;

/// <summary>Delete up to a slice of finished items whose id is below <paramref name="BeforeId"/>.</summary>
public sealed record SlackInboxTrim(long BeforeId) : SlackInboxChange;

/// <summary>
/// Take these pending items for processing (compare-and-set: an item another instance took first is left out);
/// <see cref="Claimed"/> lists the ones this processor now owns.
/// </summary>
public sealed record SlackInboxClaim(IReadOnlyList<long> Ids, DateTimeOffset At) : SlackInboxChange
{
    public List<long> Claimed { get; } = [];
}

/// <summary>Items claimed before <paramref name="ClaimedBefore"/> and never finished (their processor died): pending again.</summary>
public sealed record SlackInboxReclaim(DateTimeOffset ClaimedBefore) : SlackInboxChange;

/// <summary>Claimed items this processor will not handle after all (it is stopping): pending again, at once.</summary>
public sealed record SlackInboxRelease(IReadOnlyList<long> Ids) : SlackInboxChange;
