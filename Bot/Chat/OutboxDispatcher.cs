using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Sends what the outbox holds: woken by <see cref="OutboxSignal"/> after each commit, most urgent first,
/// each row claimed by compare-and-set so no two senders take it, retried with backoff, never dropped silently.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    WriteGate gate,
    TimeProvider time,
    Hosting.CmBotMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int MaxAttempts = 12;
    private const int BatchSize = 50;
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogDrainFailed(ex);
                wait = TimeSpan.FromSeconds(5);
            }

            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends everything due; returns how long until the next scheduled retry.</summary>
    internal async Task<TimeSpan> DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
            var now = time.GetUtcNow();
            var staleClaim = now - ClaimLease;

            // A row left in Sending by a crashed sender goes back to the queue once its lease is over.
            await db.Outbox.Where(o => o.State == OutboxState.Sending && o.ClaimedAt < staleClaim)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Pending), cancellationToken);

            var due = await db.Outbox.AsNoTracking()
                .Where(o => o.State == OutboxState.Pending && (o.NotBefore == null || o.NotBefore <= now))
                .OrderBy(o => o.Priority).ThenBy(o => o.Id)
                .Select(o => o.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                var next = await db.Outbox.AsNoTracking()
                    .Where(o => o.State == OutboxState.Pending && o.NotBefore != null)
                    .OrderBy(o => o.NotBefore)
                    .Select(o => o.NotBefore)
                    .FirstOrDefaultAsync(cancellationToken);
                return next is { } at ? Clamp(at - now) : Idle;
            }

            foreach (var id in due)
            {
                await SendOneAsync(id, cancellationToken);
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > Idle ? Idle : wait;

    private async Task SendOneAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var now = time.GetUtcNow();
        var claimed = await db.Outbox
            .Where(o => o.Id == id && o.State == OutboxState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sending).SetProperty(o => o.ClaimedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return;
        }

        var message = await db.Outbox.SingleAsync(o => o.Id == id, cancellationToken);
        var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Kind == message.Kind);
        using var _ = await gate.EnterAsync(cancellationToken);
        try
        {
            if (handler is null)
            {
                throw new ChatDeliveryException($"No outbox handler for kind '{message.Kind}'.", permanent: true);
            }

            var result = await handler.SendAsync(message, db, cancellationToken);
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
                    Fail(message, "the thread it belongs to is not posted yet", permanent: false, TimeSpan.FromMilliseconds(200 * (message.Attempts + 1)));
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

        await db.SaveChangesAsync(cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not be read; retrying shortly")]
    private partial void LogDrainFailed(Exception exception);
}
