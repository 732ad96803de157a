using CmBot.Bot.Storage;

namespace CmBot.Bot.Chat;

/// <summary>
/// The outbox's running lanes, one per platform channel (at most <see cref="MaxLanes"/> at once), shared by the two
/// ways a lane starts: the <see cref="OutboxDispatcher"/>'s pass over the stored rows, and a unit of work that has just
/// queued an alert (<see cref="OutboxHandoff"/>), which reserves the lane before its commit and hands it the row it
/// claimed in its own transaction. One lock decides both, so a channel never has two senders in this process.
/// Until the dispatcher attaches (after its start-up recovery) nothing can be reserved: a host without a running
/// dispatcher sends nothing, and a row claimed at commit is never taken back by that recovery.
/// </summary>
public sealed class OutboxLanes
{
    public const int MaxLanes = 32;

    private static readonly Task<OutboxMessage?> NoRow = Task.FromResult<OutboxMessage?>(null);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Platform, string Channel), Lane> _lanes = [];
    private Func<Lane, Task>? _runner;

    /// <summary>From now on lanes start, each run by <paramref name="runner"/> on the thread pool.</summary>
    internal void Attach(Func<Lane, Task> runner)
    {
        lock (_lock)
        {
            _runner = runner;
        }
    }

    /// <summary>No lane starts any more (shutdown); returns the lanes still running, to wait for.</summary>
    internal Task[] Detach()
    {
        lock (_lock)
        {
            _runner = null;
            return [.. _lanes.Values.Select(l => l.Task)];
        }
    }

    /// <summary>Starts a lane that claims its rows from the database, unless one runs for that channel.</summary>
    internal bool TryStart(string platform, string channel) => TryStart(platform, channel, NoRow) is not null;

    /// <summary>
    /// Reserves the channel's lane for a row the caller will claim in its own transaction: null when a lane already
    /// runs there (it will claim the row itself) or no lane may start. The lane waits for
    /// <see cref="LaneReservation.Hand"/> (or the reservation's disposal) before it does anything.
    /// </summary>
    public LaneReservation? TryReserve(string platform, string channel)
    {
        var handed = new TaskCompletionSource<OutboxMessage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        return TryStart(platform, channel, handed.Task) is null ? null : new LaneReservation(platform, channel, handed);
    }

    private Lane? TryStart(string platform, string channel, Task<OutboxMessage?> first)
    {
        lock (_lock)
        {
            if (_lanes.TryGetValue((platform, channel), out var running))
            {
                // Its work may have been committed after that lane's last look: the lane says so as it ends.
                running.Missed = true;
                return null;
            }

            if (_runner is not { } runner || _lanes.Count >= MaxLanes)
            {
                return null;
            }

            var lane = new Lane(platform, channel, first);
            _lanes[(platform, channel)] = lane;

            // The lane must not inherit the caller's flow (an HTTP request's activity, log scopes, a test's counters).
            using (ExecutionContext.SuppressFlow())
            {
                lane.Task = Task.Run(() => runner(lane));
            }

            return lane;
        }
    }

    /// <summary>
    /// Called by the lane as it ends: the channel may have a new lane from then on. Returns whether a start was refused
    /// meanwhile because this lane was running (work committed after its last claim may wait for the dispatcher).
    /// </summary>
    internal bool Ended(Lane lane)
    {
        lock (_lock)
        {
            if (_lanes.TryGetValue((lane.Platform, lane.Channel), out var current) && ReferenceEquals(current, lane))
            {
                _lanes.Remove((lane.Platform, lane.Channel));
            }

            return lane.Missed;
        }
    }

    /// <summary>A running lane: its channel, and the row handed to it at start (null: it claims from the database).</summary>
    internal sealed class Lane(string platform, string channel, Task<OutboxMessage?> first)
    {
        public string Platform { get; } = platform;
        public string Channel { get; } = channel;
        public Task<OutboxMessage?> First { get; } = first;
        public Task Task { get; set; } = Task.CompletedTask;

        /// <summary>A start was refused while this lane ran (under the lanes' lock).</summary>
        public bool Missed { get; set; }
    }
}

/// <summary>
/// A lane started for a row its caller claims at commit. <see cref="Hand"/> gives it the claimed row once committed;
/// disposing it without handing (no row claimed, the commit failed) lets the lane look in the database instead.
/// </summary>
public sealed class LaneReservation(string platform, string channel, TaskCompletionSource<OutboxMessage?> handed) : IDisposable
{
    public string Platform { get; } = platform;
    public string Channel { get; } = channel;

    /// <summary>Gives the lane the row claimed for it (committed, in state Sending); null when the claim found none.</summary>
    public void Hand(OutboxMessage? claimed) => handed.TrySetResult(claimed);

    public void Dispose() => handed.TrySetResult(null);
}
