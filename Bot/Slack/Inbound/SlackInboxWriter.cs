using System.Data.Common;
using System.Threading.Channels;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// Group commit for the inbox: requests queue their entry and wait; one writer drains the queue and commits whatever
/// is waiting (up to <see cref="MaxBatch"/>) in a single transaction, then releases every request of the batch. At
/// thousands of requests per second that is tens of commits per second instead of thousands, and a request never
/// waits for more than the commit in progress plus its own. The processor's bookkeeping (done, failed, trimmed) goes
/// through the same writer, so on SQLite the inbox has one writer and never waits for its own lock.
/// </summary>
public sealed partial class SlackInboxWriter(
    DatabaseConnection database,
    SlackInboxSignal signal,
    SlackInboxCheckpointer checkpointer,
    ILogger<SlackInboxWriter> logger) : BackgroundService
{
    public const int MaxBatch = 256;
    private const int MaxQueued = 16_384;
    private const int ConflictRetries = 3;

    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Stores the entry (or finds it was stored before); completes once the batch holding it is committed.</summary>
    public async Task<SlackInboxWriteResult> WriteAsync(SlackInboxEntry entry, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(entry, null);
        await EnqueueAsync(pending, cancellationToken);

        // A cancelled request stops waiting, but its entry is still committed with the batch: Slack may retry it and
        // will then be told it is a duplicate.
        return await pending.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a bulk update or delete of inbox rows (ExecuteUpdate/ExecuteDelete) in the writer's next commit; returns
    /// the rows it changed.
    /// </summary>
    public async Task<int> ChangeAsync(Func<CmBotDbContext, Task<int>> change, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(null, change);
        await EnqueueAsync(pending, cancellationToken);
        await pending.Result.Task.WaitAsync(cancellationToken);
        return pending.Changed;
    }

    private ValueTask EnqueueAsync(PendingWrite pending, CancellationToken cancellationToken) =>
        _queue.Writer.TryWrite(pending) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(pending, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var store = await SlackInboxStore.OpenAsync(database, stoppingToken);
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>(MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await CommitAsync(store, batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Stopping: refuse new entries (their requests get a 503 and Slack retries), store what was accepted.
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var pending))
            {
                batch.Add(pending);
                if (batch.Count == MaxBatch)
                {
                    await CommitAsync(store, batch);
                    batch.Clear();
                }
            }

            await CommitAsync(store, batch);
        }
    }

    private async Task CommitAsync(SlackInboxStore store, List<PendingWrite> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var entries = batch.FindAll(p => p.Entry is not null);
        try
        {
            await store.EnsureOpenAsync(CancellationToken.None);
            if (entries.Count > 0 && !await TryInsertAllAsync(store, entries))
            {
                await InsertCheckedAsync(store, entries);
            }

            if (entries.Count < batch.Count)
            {
                await ApplyChangesAsync(store, batch);
            }

            checkpointer.Committed();
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            LogCommitFailed(ex, batch.Count);
            Release([.. batch], ex);
            return;
        }

        if (entries.Exists(p => p.Outcome == SlackInboxWriteResult.Stored && p.Entry!.State == SlackInboxState.Pending))
        {
            signal.Notify();
        }

        Release([.. batch], null);
    }

    /// <summary>
    /// Lets the batch's requests go on (write their 2xx) from one thread-pool work item: one wake-up per batch instead
    /// of one per request, and the writer is already committing the next batch meanwhile.
    /// </summary>
    private static void Release(PendingWrite[] batch, Exception? failure) =>
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                foreach (var pending in state.Batch)
                {
                    if (state.Failure is null)
                    {
                        pending.Result.TrySetResult(pending.Outcome);
                    }
                    else
                    {
                        pending.Result.TrySetException(state.Failure);
                    }
                }
            },
            (Batch: batch, Failure: failure),
            preferLocal: false);

    private static async Task ApplyChangesAsync(SlackInboxStore store, List<PendingWrite> batch)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        foreach (var pending in batch)
        {
            if (pending.Change is { } change)
            {
                pending.Changed = await change(db);
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>The usual case: nothing in the batch was seen before. False when the database refused the batch.</summary>
    private static async Task<bool> TryInsertAllAsync(SlackInboxStore store, List<PendingWrite> batch)
    {
        var items = new List<SlackInboxItem>(batch.Count);
        foreach (var pending in batch)
        {
            items.Add(pending.Entry!.ToItem());
            pending.Outcome = SlackInboxWriteResult.Stored;
        }

        try
        {
            await store.InsertAsync(items);
            return true;
        }
        catch (DbException)
        {
            // Most likely a unique key (a retry or a replay); anything worse fails again on the checked path.
            return false;
        }
    }

    /// <summary>
    /// A retry or a replay is in the batch: look the keys up, store only what is new, and a marker for each retry
    /// so its signature is remembered too. Another instance may commit the same key meanwhile: then look again.
    /// </summary>
    private static async Task InsertCheckedAsync(SlackInboxStore store, List<PendingWrite> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = store.CreateContext();
            var keys = batch.Select(p => p.Entry!.DedupKey).OfType<string>().Distinct().ToList();
            var signatures = batch.Select(p => p.Entry!.Signature).OfType<string>().Distinct().ToList();
            var existing = await db.SlackInbox.AsNoTracking()
                .Where(i => (i.DedupKey != null && keys.Contains(i.DedupKey)) || (i.Signature != null && signatures.Contains(i.Signature)))
                .Select(i => new { i.DedupKey, i.Signature })
                .ToListAsync(CancellationToken.None);
            var seenKeys = existing.Select(e => e.DedupKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var seenSignatures = existing.Select(e => e.Signature).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var pending in batch)
            {
                var entry = pending.Entry!;
                if (entry.Signature is { } signature && !seenSignatures.Add(signature))
                {
                    pending.Outcome = SlackInboxWriteResult.Replayed;
                }
                else if (entry.DedupKey is { } key && !seenKeys.Add(key))
                {
                    pending.Outcome = SlackInboxWriteResult.Duplicate;
                    if (entry.Signature is not null)
                    {
                        db.SlackInbox.Add(entry.ToDuplicateMarker());
                    }
                }
                else
                {
                    pending.Outcome = SlackInboxWriteResult.Stored;
                    db.SlackInbox.Add(entry.ToItem());
                }
            }

            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException) when (attempt < ConflictRetries)
            {
                // Lost a race with another instance on one of the keys: the next lookup sees its row.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} Slack deliveries; their requests get 503 and Slack retries them")]
    private partial void LogCommitFailed(Exception exception, int count);

    /// <summary>One request's entry to store, or one bulk change from the processor.</summary>
    private sealed class PendingWrite(SlackInboxEntry? entry, Func<CmBotDbContext, Task<int>>? change)
    {
        public SlackInboxEntry? Entry { get; } = entry;

        public Func<CmBotDbContext, Task<int>>? Change { get; } = change;

        public int Changed { get; set; }

        public SlackInboxWriteResult Outcome { get; set; }

        // Completed off the writer's loop (see Release), so the request's continuation may run inline there.
        public TaskCompletionSource<SlackInboxWriteResult> Result { get; } = new();
    }
}
