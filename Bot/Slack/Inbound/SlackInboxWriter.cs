using System.Data.Common;
using System.Threading.Channels;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// Group commit for the inbox: requests queue their entry and wait; one writer drains the queue and commits whatever
/// is waiting (up to <see cref="MaxBatch"/>) in a single transaction, then releases every request of the batch. At
/// thousands of requests per second that is tens of commits per second instead of thousands, and a request never
/// waits for more than the commit in progress plus its own.
/// </summary>
public sealed partial class SlackInboxWriter(
    DatabaseConnection database,
    IServiceScopeFactory scopes,
    SlackInboxSignal signal,
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
        var pending = new PendingWrite(entry);
        if (!_queue.Writer.TryWrite(pending))
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }

        // A cancelled request stops waiting, but its entry is still committed with the batch: Slack may retry it and
        // will then be told it is a duplicate.
        return await pending.Result.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var store = await SlackInboxStore.OpenAsync(database, scopes, stoppingToken);
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

        try
        {
            if (!await TryInsertAllAsync(store, batch))
            {
                await InsertCheckedAsync(store, batch);
            }
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            LogCommitFailed(ex, batch.Count);
            foreach (var pending in batch)
            {
                pending.Result.TrySetException(ex);
            }

            return;
        }

        if (batch.Exists(p => p.Outcome == SlackInboxWriteResult.Stored && p.Entry.State == SlackInboxState.Pending))
        {
            signal.Notify();
        }

        foreach (var pending in batch)
        {
            pending.Result.TrySetResult(pending.Outcome);
        }
    }

    /// <summary>The usual case: nothing in the batch was seen before. False when a unique key refused the batch.</summary>
    private static async Task<bool> TryInsertAllAsync(SlackInboxStore store, List<PendingWrite> batch)
    {
        await using var lease = store.Open();
        foreach (var pending in batch)
        {
            lease.Db.SlackInbox.Add(pending.Entry.ToItem());
            pending.Outcome = SlackInboxWriteResult.Stored;
        }

        try
        {
            await lease.Db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateException)
        {
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
            await using var lease = store.Open();
            var db = lease.Db;
            var keys = batch.Select(p => p.Entry.DedupKey).OfType<string>().Distinct().ToList();
            var signatures = batch.Select(p => p.Entry.Signature).OfType<string>().Distinct().ToList();
            var existing = await db.SlackInbox.AsNoTracking()
                .Where(i => (i.DedupKey != null && keys.Contains(i.DedupKey)) || (i.Signature != null && signatures.Contains(i.Signature)))
                .Select(i => new { i.DedupKey, i.Signature })
                .ToListAsync(CancellationToken.None);
            var seenKeys = existing.Select(e => e.DedupKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var seenSignatures = existing.Select(e => e.Signature).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var pending in batch)
            {
                var entry = pending.Entry;
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

    private sealed class PendingWrite(SlackInboxEntry entry)
    {
        public SlackInboxEntry Entry { get; } = entry;

        public SlackInboxWriteResult Outcome { get; set; }

        // Completed by the writer: continuations must not run on (and hold up) its loop.
        public TaskCompletionSource<SlackInboxWriteResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
