using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using CmBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Web;

/// <summary>
/// Paces Web API calls so Slack never has to refuse them: one token bucket per method (its tier) and, for
/// chat.postMessage, one per channel. Callers wait for a permit instead of failing. A 429 pauses the bucket's
/// partition for exactly the Retry-After Slack gave, and empties it so the first call after the pause goes alone.
/// </summary>
public sealed class SlackRateLimiter(IOptions<SlackWebApiOptions> options, TimeProvider time, CmBotMetrics? metrics = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);

    /// <summary>The partition a call belongs to: the channel for posting, the method otherwise.</summary>
    public static string PartitionOf(SlackMethod method, string? channel)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Tier == SlackTier.PerChannel ? $"{method.Name}#{channel}" : method.Name;
    }

    /// <summary>Waits for a permit of <paramref name="method"/> (and its channel), honouring pauses.</summary>
    public async Task AcquireAsync(SlackMethod method, string? channel, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(method, channel);
        var bucket = _buckets.GetOrAdd(partition, _ => CreateBucket(method));
        await WaitOutPauseAsync(partition, cancellationToken);
        var pending = bucket.AcquireAsync(1, cancellationToken);
        if (!pending.IsCompleted)
        {
            // No permit at hand: the call queues behind the bucket (measured for /metrics).
            var started = time.GetTimestamp();
            using var queued = await pending;
            metrics?.RateLimitWaited(Platform, "bucket", time.GetElapsedTime(started));
            ThrowIfRefused(queued, method);
        }
        else
        {
            using var lease = await pending;
            ThrowIfRefused(lease, method);
        }

        // A 429 may have arrived for this partition while we queued: the permit does not override Slack's pause.
        await WaitOutPauseAsync(partition, cancellationToken);
    }

    private const string Platform = "slack";

    private static void ThrowIfRefused(RateLimitLease lease, SlackMethod method)
    {
        if (!lease.IsAcquired)
        {
            // Only when the queue is full (thousands waiting): the caller's cancellation still bounds the wait.
            throw new SlackApiException(method.Name, SlackErrors.RateLimited, permanent: false, TimeSpan.FromSeconds(1),
                $"Slack {method.Name}: too many calls waiting for a rate-limit permit.");
        }
    }

    /// <summary>Slack said 429: nobody in this partition calls again before <paramref name="retryAfter"/> has passed.</summary>
    public void Pause(SlackMethod method, string? channel, TimeSpan retryAfter)
    {
        var partition = PartitionOf(method, channel);
        var until = time.GetUtcNow() + retryAfter;
        _pausedUntil.AddOrUpdate(partition, until, (_, current) => current > until ? current : until);
        if (_buckets.TryGetValue(partition, out var bucket))
        {
            // Drop the saved-up burst: Slack's own bucket is empty, so after the pause calls resume one at a time.
            while (bucket.AttemptAcquire(1) is { IsAcquired: true } drained)
            {
                drained.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    private async Task WaitOutPauseAsync(string partition, CancellationToken cancellationToken)
    {
        while (_pausedUntil.TryGetValue(partition, out var until) && until - time.GetUtcNow() is { Ticks: > 0 } remaining)
        {
            metrics?.RateLimitWaited(Platform, "pause", remaining);
            await Task.Delay(remaining, time, cancellationToken);
        }
    }

    private TokenBucketRateLimiter CreateBucket(SlackMethod method)
    {
        var settings = options.Value;
        double perSecond;
        int burst;
        if (method.Tier == SlackTier.PerChannel)
        {
            perSecond = settings.ChannelMessagesPerSecond;
            burst = settings.ChannelBurst;
        }
        else
        {
            perSecond = SlackMethod.PerMinute(method.Tier) * settings.TierScale / 60.0;
            burst = BurstOf(method.Tier);
        }

        // Whole tokens per period keep the rate exact: 1 msg/s is one token each second, 20 msg/s two every 100 ms.
        var tokensPerPeriod = Math.Max(1, (int)Math.Floor(perSecond * 0.1));
        var period = TimeSpan.FromSeconds(tokensPerPeriod / perSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = true,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>
    /// Slack tolerates short bursts above a tier's average. Tier 1 still allows a few at once so that opening
    /// several Socket Mode connections at start does not take minutes.
    /// </summary>
    private static int BurstOf(SlackTier tier) => tier switch
    {
        SlackTier.Tier1 => 4,
        SlackTier.Tier2 => 5,
        SlackTier.Tier3 => 10,
        _ => 20,
    };
}
