using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Sends what the outbox holds. Woken by <see cref="OutboxSignal"/> after each commit (no polling), it runs one
/// lane per platform channel in parallel, so a rate-limited channel never holds the others back; within a lane,
/// most urgent first, then oldest. Each row is claimed by compare-and-set, retried with backoff (or the
/// platform's Retry-After), and failed loudly after too many attempts — never dropped silently. A new alert's lane
/// may also start with its commit (<see cref="OutboxHandoff"/>): the lanes are shared (<see cref="OutboxLanes"/>).
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    OutboxLanes lanes,
    WriteGate gate,
    TimeProvider time,
    CmBotMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int MaxAttempts = 12;
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    /// <summary>How long a thread reply waits for its root before its attempts count (the root's own retries can take about this long).</summary>
    private static readonly TimeSpan RootPatience = TimeSpan.FromHours(1);

    private CancellationToken _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await RecoverAsync(stoppingToken);

        // Lanes may start from now on, from this loop or with a commit: a row claimed at commit can no longer be taken
        // back by the recovery above.
        lanes.Attach(RunLaneAsync);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await ScheduleAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogScheduleFailed(ex);
                wait = TimeSpan.FromSeconds(5);
            }

            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Graceful shutdown: let lanes finish the send in flight (they stop at the next row).
        await Task.WhenAll(lanes.Detach()).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// SQLite is one process's file: at start, every row still in Sending was claimed by a process that died (between
    /// its claim, perhaps made in the commit of the alert itself, and the send's outcome). They go back to the queue at
    /// once (their claim count makes the platform look for the message first). On PostgreSQL another instance may be
    /// sending them: the lease decides.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
                if (db.Database.IsSqlite())
                {
                    await db.Outbox.Where(o => o.State == OutboxState.Sending)
                        .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Pending), cancellationToken);
                }

                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogScheduleFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Starts a lane for every channel with due work; returns how long until the next scheduled retry.</summary>
    private async Task<TimeSpan> ScheduleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var now = time.GetUtcNow();
        var staleClaim = now - ClaimLease;
        var due = await db.Outbox.AsNoTracking()
            .Where(o => o.State == OutboxState.Pending && (o.NotBefore == null || o.NotBefore <= now))
            .Select(o => new { o.Platform, o.Channel })
            .Distinct()
            .ToListAsync(cancellationToken);
        foreach (var lane in due)
        {
            // A channel whose lane runs (started here or with a commit) is left to it.
            lanes.TryStart(lane.Platform, lane.Channel);
        }

        // A row left in Sending by a crashed sender goes back to the queue once its lease is over. Looked for once the
        // lanes with due work are started, so a fresh alert does not wait for it; read first: the update is a write,
        // and at every wake-up it would make each fresh alert's claim wait behind it.
        var stale = db.Outbox.Where(o => o.State == OutboxState.Sending && o.ClaimedAt < staleClaim);
        if (await stale.AnyAsync(cancellationToken) && await stale.ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Pending), cancellationToken) > 0)
        {
            return TimeSpan.Zero;
        }

        var next = await db.Outbox.AsNoTracking()
            .Where(o => o.State == OutboxState.Pending && o.NotBefore != null && o.NotBefore > now)
            .OrderBy(o => o.NotBefore)
            .Select(o => o.NotBefore)
            .FirstOrDefaultAsync(cancellationToken);
        return next is { } at ? Clamp(at - now) : Idle;
    }

    /// <summary>Sends the lane's rows one at a time: first the row handed to it at start, if any, then what it claims.</summary>
    private async Task RunLaneAsync(OutboxLanes.Lane lane)
    {
        var cancellationToken = _stopping;
        var drained = false;
        var rescheduled = false;
        try
        {
            if (await lane.First.WaitAsync(cancellationToken) is { } handed)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
                await db.Database.OpenConnectionAsync(cancellationToken);
                db.Outbox.Attach(handed);
                rescheduled |= await SendOrReleaseAsync(scope, db, handed, cancellationToken);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
                await db.Database.OpenConnectionAsync(cancellationToken);
                var now = time.GetUtcNow();
                if (await OutboxClaim.NextAsync(db, lane.Platform, lane.Channel, now, cancellationToken) is { } message)
                {
                    rescheduled |= await SendOrReleaseAsync(scope, db, message, cancellationToken);
                }
                else if (db.Database.IsSqlite() || !await OutboxClaim.AnyDueAsync(db, lane.Platform, lane.Channel, now, cancellationToken))
                {
                    // On SQLite the claim is one atomic statement: finding nothing means nothing is due. On PostgreSQL
                    // another instance may have won the row it picked, and the lane looks once more.
                    drained = true;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogLaneFailed(ex, lane.Platform, lane.Channel);
        }
        finally
        {
            // The dispatcher looks again for rows this lane put off (retries, replies waiting for their root), a lane
            // that stopped early, or work that tried to start a lane while this one was finishing. A lane that simply
            // ran dry leaves it asleep: one database pass less per alert.
            if (lanes.Ended(lane) || rescheduled || !drained)
            {
                signal.Notify();
            }
        }
    }

    /// <summary>Sends a claimed row; if the send or its outcome's save fails, gives the row back at once, then rethrows.</summary>
    private async Task<bool> SendOrReleaseAsync(AsyncServiceScope scope, CmBotDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var claim = OutboxRelease.Of(message);
        try
        {
            return await SendOneAsync(scope, db, message, cancellationToken);
        }
        catch (Exception ex)
        {
            await ReleaseAsync(claim, message, ex, cancellationToken.IsCancellationRequested);
            throw;
        }
    }

    /// <summary>Gives the claimed row back at once (see <see cref="OutboxRelease"/>); the lease stays the last resort.</summary>
    private async Task ReleaseAsync(OutboxRelease.Claim claim, OutboxMessage message, Exception failure, bool shutdown)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var error = shutdown ? "the sender stopped during the send" : $"{failure.GetType().Name}: {failure.Message}";
            var released = await OutboxRelease.ReleaseAsync(db, claim, error, shutdown, time.GetUtcNow(), MaxAttempts, timeout.Token);
            if (released is { } r)
            {
                if (r.State == OutboxState.Failed)
                {
                    metrics.OutboxFailed.Add(1, new KeyValuePair<string, object?>("platform", message.Platform));
                }

                LogReleased(failure, claim.Id, message.Kind, message.Platform, message.Channel, claim.Claims, r.State, r.NotBefore);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogReleaseFailed(ex, claim.Id, message.Platform, message.Channel);
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > Idle ? Idle : wait;

    /// <summary>Sends a claimed row and records the outcome (sent, superseded, retried later or failed); true when it is to be retried later.</summary>
    private async Task<bool> SendOneAsync(AsyncServiceScope scope, CmBotDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Kind == message.Kind);
        OutboxResult? result = null;
        var waitsForRoot = false;
        try
        {
            result = handler is null
                ? throw new ChatDeliveryException($"No outbox handler for kind '{message.Kind}'.", permanent: true)
                : await handler.SendAsync(message, db, cancellationToken);
            switch (result.Outcome)
            {
                case OutboxOutcome.Sent:
                    message.State = OutboxState.Sent;
                    message.SentAt = time.GetUtcNow();
                    message.ExternalId = result.ExternalId;
                    metrics.OutboxSent.Add(1, new("kind", message.Kind), new("platform", message.Platform));
                    break;
                case OutboxOutcome.Superseded:
                    message.State = OutboxState.Superseded;
                    break;
                default:
                    // The thread's root is not posted yet (it may be next in this very lane, or waiting out a
                    // Retry-After): retry this row shortly without holding the lane back, and without spending an
                    // attempt until the root has had as long as its own retries can take.
                    WaitForRoot(message);
                    waitsForRoot = true;
                    break;
            }
        }
        catch (ChatDeliveryException ex)
        {
            Fail(message, ex.Message, ex.Permanent, ex.RetryAfter);
        }
        catch (HttpRequestException ex)
        {
            Fail(message, ex.Message, permanent: false, retryAfter: null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A sender bug must not leave the row stuck in Sending or stop the lane: record it and retry with backoff.
            LogUnexpected(ex, message.Id, message.Kind, message.Platform);
            Fail(message, $"{ex.GetType().Name}: {ex.Message}", permanent: false, retryAfter: null);
        }

        // Only the commit is serialised with the other writers (it may extend the audit chain).
        using (await gate.EnterAsync(CancellationToken.None))
        {
            if (message is { State: OutboxState.Pending, NotBefore: { } pausedUntil } && !waitsForRoot)
            {
                // The channel is limited or failing: hold the whole lane so its order is kept (P1 first, then oldest).
                await db.Outbox
                    .Where(o => o.Platform == message.Platform && o.Channel == message.Channel && o.State == OutboxState.Pending &&
                                o.Id != message.Id && (o.NotBefore == null || o.NotBefore < pausedUntil))
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.NotBefore, pausedUntil), CancellationToken.None);
            }

            if (result?.Audit is { } entry && message.State == OutboxState.Sent)
            {
                var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
                await audit.AppendAsync(entry.ActorId, entry.Action, entry.SubjectType, entry.SubjectId, entry.Details, CancellationToken.None);
            }

            // The message is out: its outcome must be recorded. On PostgreSQL another instance may have extended the
            // audit chain with the same sequence meanwhile; chain ours after it and save again rather than leave the
            // row in Sending until its lease runs out.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                    break;
                }
                catch (DbUpdateException ex) when (attempt < 3)
                {
                    if (!await scope.ServiceProvider.GetRequiredService<AuditLog>().RechainAsync(CancellationToken.None))
                    {
                        throw;
                    }

                    LogAuditRace(ex, message.Id, attempt);
                }
            }
        }

        return message.State == OutboxState.Pending;
    }

    private void WaitForRoot(OutboxMessage message)
    {
        const string Error = "the thread it belongs to is not posted yet";
        if (time.GetUtcNow() - message.CreatedAt > RootPatience)
        {
            Fail(message, Error, permanent: false, retryAfter: null);
            return;
        }

        // This claim ended with a result (nothing was sent): it must not look like a sender that died mid-send,
        // which would make the platform search for a message that was never posted.
        message.Claims--;
        message.State = OutboxState.Pending;
        message.LastError = Error;
        message.NotBefore = time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Min(5_000, 200 * Math.Max(1, (int)Math.Min(25, (time.GetUtcNow() - message.CreatedAt).TotalSeconds))));
    }

    private void Fail(OutboxMessage message, string error, bool permanent, TimeSpan? retryAfter)
    {
        message.Attempts++;
        message.LastError = error;
        if (permanent || message.Attempts >= MaxAttempts)
        {
            message.State = OutboxState.Failed;
            metrics.OutboxFailed.Add(1, new KeyValuePair<string, object?>("platform", message.Platform));
            LogGaveUp(message.Id, message.Kind, message.Platform, message.Channel, message.Attempts, error);
            return;
        }

        var backoff = retryAfter ?? TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, message.Attempts)));
        message.State = OutboxState.Pending;
        message.NotBefore = time.GetUtcNow() + backoff;
        metrics.OutboxRetries.Add(1, new KeyValuePair<string, object?>("platform", message.Platform));
        LogRetry(message.Id, message.Kind, message.Platform, message.Channel, message.Attempts, backoff.TotalSeconds, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Kind} to {Platform} {Channel}) failed for good after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(long id, string kind, string platform, string channel, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Kind} to {Platform} {Channel}) attempt {Attempts} failed, retrying in {DelaySeconds}s: {Error}")]
    private partial void LogRetry(long id, string kind, string platform, string channel, int attempts, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Kind} to {Platform}) failed with an unexpected error")]
    private partial void LogUnexpected(Exception exception, long id, string kind, string platform);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not be read; retrying shortly")]
    private partial void LogScheduleFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Id}: its outcome save was refused (attempt {Attempt}); its audit events are chained again after the stored head and saved again")]
    private partial void LogAuditRace(Exception exception, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Kind} to {Platform} {Channel}) released after its lane failed (claim {Claims}): now {State}, not before {NotBefore}")]
    private partial void LogReleased(Exception exception, long id, string kind, string platform, string channel, int claims, OutboxState state, DateTimeOffset? notBefore);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} to {Platform} {Channel} could not be released after its lane failed; its claim lease will return it")]
    private partial void LogReleaseFailed(Exception exception, long id, string platform, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox lane {Platform} {Channel} stopped on an error; it restarts at the next wake-up")]
    private partial void LogLaneFailed(Exception exception, string platform, string channel);
}
