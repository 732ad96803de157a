using CmBot.Bot.Storage;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// Group commit for the inbox, led by the requests themselves. A request that finds nobody committing commits at once
/// on its own thread (no hand-off to a background thread and back: that is what keeps a lone request fast). Requests
/// arriving meanwhile queue up; when the commit ends, the oldest of them leads the next one and takes everything
/// queued (up to <see cref="MaxBatch"/>) in a single transaction. At thousands of requests per second that is tens of
/// commits per second, not thousands. The processor's bookkeeping (done, failed, trimmed) is committed the same way,
/// so on SQLite the inbox has a single writer at any time and never waits for its own lock.
/// </summary>
public sealed partial class SlackInboxWriter(
    DatabaseConnection database,
    SlackInboxSignal signal,
    SlackInboxCheckpointer checkpointer,
    ILogger<SlackInboxWriter> logger) : IHostedService, IAsyncDisposable
{
    public const int MaxBatch = 256;

    /// <summary>Beyond this many waiting requests the database is not keeping up: refuse (503, Slack retries later).</summary>
    private const int MaxQueued = 16_384;

    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<SlackInboxPending> _queued = [];
    private bool _committing;
    private bool _stopping;
    private SlackInboxStore? _store;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _store = await SlackInboxStore.OpenAsync(database, cancellationToken);
        if (database.Provider == StorageProvider.Sqlite && !_store.BusyWaitInstalled)
        {
            LogBusyWaitMissing();
        }
    }

    /// <summary>New deliveries are refused from now on (503); the commit in progress, if any, is finished.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        bool busy;
        lock (_gate)
        {
            _stopping = true;
            busy = _committing;
        }

        if (busy)
        {
            await _idle.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    /// <summary>
    /// Stores the entry (or finds it was stored before); returns once the commit holding it is done. Deliberately not
    /// cancellable: see <see cref="SubmitAsync"/>.
    /// </summary>
    public async Task<SlackInboxWriteResult> WriteAsync(SlackInboxEntry entry)
    {
        var pending = SlackInboxPending.Store(entry);
        await SubmitAsync(pending);
        return pending.Outcome;
    }

    /// <summary>Commits a change of the processor's; returns the rows changed.</summary>
    public async Task<int> ChangeAsync(SlackInboxChange change)
    {
        var pending = SlackInboxPending.Apply(change);
        await SubmitAsync(pending);
        return pending.Changed;
    }

    // Not cancellable: once queued, an entry is committed whatever the caller does (Slack's retry then finds it a
    // duplicate), and a request chosen to lead must lead, or the requests behind it would wait forever.
    private async Task SubmitAsync(SlackInboxPending pending)
    {
        bool lead;
        lock (_gate)
        {
            if (_stopping || _store is null)
            {
                throw new InvalidOperationException("The Slack inbox is not accepting deliveries (CmBot is starting or stopping).");
            }

            if (_queued.Count >= MaxQueued)
            {
                throw new InvalidOperationException($"The Slack inbox has {MaxQueued} deliveries waiting for the database.");
            }

            _queued.Add(pending);
            lead = !_committing;
            _committing = true;
        }

        if (!lead && await pending.Turn.Task == SlackInboxTurn.Done)
        {
            ThrowIfFailed(pending);
            return;
        }

        await LeadAsync();
        ThrowIfFailed(pending);
    }

    /// <summary>Commits the queued work (which includes the leader's own), then passes the lead on or goes idle.</summary>
    private async Task LeadAsync()
    {
        List<SlackInboxPending> batch;
        lock (_gate)
        {
            if (_queued.Count <= MaxBatch)
            {
                batch = _queued;
                _queued = [];
            }
            else
            {
                batch = _queued.GetRange(0, MaxBatch);
                _queued.RemoveRange(0, MaxBatch);
            }
        }

        try
        {
            await SlackInboxCommit.RunAsync(_store!, batch);
            checkpointer.Committed();
            if (batch.Exists(p => p.Outcome == SlackInboxWriteResult.Stored && p.Entry?.State == SlackInboxState.Pending))
            {
                signal.Notify();
            }
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the lead must still pass on below, or every request behind would wait forever.
            LogCommitFailed(ex, batch.Count);
            batch.ForEach(p => p.Failure = ex);
        }

        SlackInboxPending? next;
        lock (_gate)
        {
            next = _queued.Count > 0 ? _queued[0] : null;
            _committing = next is not null;
            if (!_committing && _stopping)
            {
                _idle.TrySetResult();
            }
        }

        // Both hand-offs happen on other threads: the leader goes on to answer its own request at once.
        if (next is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static p => p.Turn.TrySetResult(SlackInboxTurn.Lead), next, preferLocal: false);
        }

        if (batch.Count > 1)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static committed =>
                {
                    foreach (var pending in committed)
                    {
                        pending.Turn.TrySetResult(SlackInboxTurn.Done);
                    }
                },
                batch,
                preferLocal: false);
        }
    }

    private static void ThrowIfFailed(SlackInboxPending pending)
    {
        if (pending.Failure is { } failure)
        {
            throw new InvalidOperationException("The Slack delivery could not be stored.", failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite's busy handler could not be replaced on the Slack inbox's connection: acknowledgements that meet another writer may wait up to twice as long (busy_timeout steps)")]
    private partial void LogBusyWaitMissing();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} Slack inbox changes; their requests get 503 and Slack retries them")]
    private partial void LogCommitFailed(Exception exception, int count);
}
