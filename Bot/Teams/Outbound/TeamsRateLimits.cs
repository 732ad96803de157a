using System.Threading.RateLimiting;
using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>
/// Paces Bot Connector calls under Teams' limits: per thread (7 per second, 8 per 2 seconds, 60 per 30 seconds,
/// 1800 per hour) and per tenant (all conversations together). A short wait is taken here; a long one (the hourly
/// budget spent) is handed back to the outbox as a <see cref="ChatDeliveryException"/> with Retry-After, which holds
/// the conversation's lane so the order is kept.
/// </summary>
public sealed class TeamsRateLimits : IDisposable
{
    /// <summary>
    /// Added to each window: a permit is taken when the request leaves, Teams counts it when it arrives, so two
    /// requests a full window apart here can land a little less than a window apart there.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(150);

    public static readonly IReadOnlyList<RateRule> ThreadRules =
    [
        new(7, TimeSpan.FromSeconds(1) + Margin),
        new(8, TimeSpan.FromSeconds(2) + Margin),
        new(60, TimeSpan.FromSeconds(30) + Margin),
        new(1800, TimeSpan.FromHours(1) + Margin),
    ];

    /// <summary>Longest wait taken in-process; beyond it the outbox reschedules the send.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly PartitionedRateLimiter<(string Thread, string Tenant)> _limiter;
    private readonly TimeProvider _time;
    private readonly CmBotMetrics? _metrics;

    public TeamsRateLimits(IOptions<TeamsOptions> options, TimeProvider time, CmBotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _metrics = metrics;
        IReadOnlyList<RateRule> tenantRules = [new(options.Value.TenantRequestsPerSecond, TimeSpan.FromSeconds(1) + Margin)];
        var threads = PartitionedRateLimiter.Create<(string Thread, string Tenant), string>(
            key => RateLimitPartition.Get(key.Thread, _ => new SlidingLogRateLimiter(ThreadRules, time)));
        var tenants = PartitionedRateLimiter.Create<(string Thread, string Tenant), string>(
            key => RateLimitPartition.Get(key.Tenant, _ => new SlidingLogRateLimiter(tenantRules, time)));
        _limiter = PartitionedRateLimiter.CreateChained(threads, tenants);
    }

    /// <summary>
    /// Waits (briefly) for a permit to call the connector in <paramref name="thread"/> of <paramref name="tenant"/>.
    /// Dispose the permit when the call has been answered.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(string thread, string tenant, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = _limiter.AttemptAcquire((thread, tenant));
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();

            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            if (wait > MaxWait)
            {
                throw new ChatDeliveryException($"Teams rate limit for this conversation: next send in {wait.TotalSeconds:0}s.", permanent: false, retryAfter: wait);
            }

            _metrics?.RateLimitWaited(TeamsOptions.PlatformName, "conversation", wait);
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
