using System.Data.Common;
using System.Text.Json;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// Acts on what the inbox stored, after Slack has its acknowledgement. Woken by <see cref="SlackInboxSignal"/>; the
/// only timed wake-ups are housekeeping (the trim, taking back items whose processor died) and the retry of an item
/// that failed. Clicks go first (their trigger_id expires 3 s after the click), then everything in arrival order.
/// Items are claimed by compare-and-set before they are handled, so several CmBot instances on one PostgreSQL never
/// act twice on a delivery; a person's action is marked done right after it is handled, so a crash repeats at most
/// that one; an item that keeps failing is given up after a few attempts, loudly.
/// </summary>
public sealed partial class SlackInboxProcessor(
    DatabaseConnection database,
    SlackInboxWriter writer,
    SlackInboxSignal signal,
    SlackClickHandler clicks,
    SlackSubmissionHandler submissions,
    SlackEventResponder events,
    TimeProvider time,
    ILogger<SlackInboxProcessor> logger) : BackgroundService
{
    public const int BatchSize = 64;
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);
    private static readonly TimeSpan HousekeepingEvery = TimeSpan.FromMinutes(5);

    /// <summary>A claim older than this was left by a processor that died: handling one item takes seconds at most.</summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its own connection for reading: the writer's is busy committing requests.
        await using var store = await SlackInboxStore.OpenAsync(database, stoppingToken);
        var nextHousekeeping = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = HousekeepingEvery;
            try
            {
                if (time.GetUtcNow() >= nextHousekeeping)
                {
                    await writer.ChangeAsync(new SlackInboxReclaim(time.GetUtcNow() - ClaimLease));
                    await TrimAsync(store, stoppingToken);
                    nextHousekeeping = time.GetUtcNow() + HousekeepingEvery;
                }

                var pass = await ProcessBatchAsync(store, stoppingToken);
                if (pass.Full && pass.Failed == 0)
                {
                    continue;
                }

                wait = pass.Failed > 0 ? RetryAfter : nextHousekeeping - time.GetUtcNow();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
            {
                LogReadFailed(ex);
                wait = RetryAfter;
            }

            try
            {
                await signal.WaitAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<(bool Full, int Failed)> ProcessBatchAsync(SlackInboxStore store, CancellationToken cancellationToken)
    {
        var read = await store.ReadPendingAsync(cancellationToken);
        if (read.Count == 0)
        {
            return (false, 0);
        }

        var claim = new SlackInboxClaim(read.ConvertAll(i => i.Id), time.GetUtcNow());
        await writer.ChangeAsync(claim);
        var items = read.FindAll(i => claim.Claimed.Contains(i.Id));
        var failed = 0;
        var done = new List<long>(items.Count);
        var next = 0;
        try
        {
            for (; next < items.Count; next++)
            {
                failed += await ProcessAsync(items[next], done, cancellationToken) ? 0 : 1;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what this processor claimed but did not finish goes back for the next one, now.
            await MarkDoneAsync(done);
            await writer.ChangeAsync(new SlackInboxRelease([.. items.Skip(next).Select(i => i.Id)]));
            throw;
        }

        await MarkDoneAsync(done);
        return (read.Count == BatchSize, failed);
    }

    /// <summary>Handles one item; false when it failed and stays pending for a retry.</summary>
    private async Task<bool> ProcessAsync(SlackInboxItem item, List<long> done, CancellationToken cancellationToken)
    {
        var retry = false;
        try
        {
            await HandleAsync(item, cancellationToken);
            done.Add(item.Id);
        }
        catch (JsonException ex)
        {
            await RecordFailureAsync(item, ex.Message, permanent: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever one delivery does wrong, the processor keeps serving the others.
            LogItemFailed(ex, item.Id, item.Kind, item.Type, item.Attempts + 1);
            retry = !await RecordFailureAsync(item, ex.Message, permanent: false);
        }

        // A person's action is recorded as done at once, so a crash can never make it run twice; help answers and
        // the like are recorded together at the end of the batch (a crash may at worst repeat one).
        if (item.Kind == SlackPayloadKind.Interactivity)
        {
            await MarkDoneAsync(done);
        }

        return !retry;
    }

    private Task HandleAsync(SlackInboxItem item, CancellationToken cancellationToken) => (item.Kind, item.Type) switch
    {
        (SlackPayloadKind.Interactivity, SlackInteractionTypes.BlockActions) => clicks.HandleAsync(item, cancellationToken),
        (SlackPayloadKind.Interactivity, SlackInteractionTypes.ViewSubmission) => submissions.HandleAsync(item, cancellationToken),
        (SlackPayloadKind.Event, _) => events.HandleAsync(item, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task MarkDoneAsync(List<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var done = ids.ToArray();
        ids.Clear();

        // Not cancellable: the work is done, the record of it must not be lost to a shutdown.
        await writer.ChangeAsync(new SlackInboxMarkDone(done, now));
    }

    /// <summary>Counts a failed attempt; true when the item is given up (nothing more to do with it).</summary>
    private async Task<bool> RecordFailureAsync(SlackInboxItem item, string error, bool permanent)
    {
        var attempts = item.Attempts + 1;
        var state = permanent || attempts >= MaxAttempts ? SlackInboxState.Failed : SlackInboxState.Pending;
        if (state == SlackInboxState.Failed)
        {
            LogGaveUp(item.Id, item.Kind, item.Type, attempts, error);
        }

        var now = time.GetUtcNow();
        var lastError = error.Length > 1000 ? error[..1000] : error;
        await writer.ChangeAsync(new SlackInboxRecordFailure(item.Id, state, attempts, lastError, now));
        return state == SlackInboxState.Failed;
    }

    /// <summary>
    /// Bounded growth: a day after arrival a delivery can no longer be retried or replayed (the signature window is
    /// minutes). Deleted a slice per commit, so the writer never holds the database for long.
    /// </summary>
    private async Task TrimAsync(SlackInboxStore store, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Retention;
        var boundary = await store.FirstIdSinceAsync(before, cancellationToken) ?? long.MaxValue;
        var removed = 0;
        int slice;
        do
        {
            slice = await writer.ChangeAsync(new SlackInboxTrim(boundary));
            removed += slice;
        }
        while (slice == SlackInboxSql.TrimSlice && !cancellationToken.IsCancellationRequested);

        if (removed > 0)
        {
            LogTrimmed(removed, before);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Slack inbox could not be read; retrying shortly")]
    private partial void LogReadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack inbox item {InboxId} ({Kind} {Type}) failed, attempt {Attempts}")]
    private partial void LogItemFailed(Exception exception, long inboxId, SlackPayloadKind kind, string type, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack inbox item {InboxId} ({Kind} {Type}) given up after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(long inboxId, SlackPayloadKind kind, string type, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trimmed {Count} Slack inbox rows received before {Before}")]
    private partial void LogTrimmed(int count, DateTimeOffset before);
}
