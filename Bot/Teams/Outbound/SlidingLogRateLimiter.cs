using System.Threading.RateLimiting;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>A limit of <see cref="Permits"/> requests in any <see cref="Window"/>.</summary>
public sealed record RateRule(int Permits, TimeSpan Window);

/// <summary>
/// A strict "at most N requests in any window of W" limiter for several rules at once (Teams: 7 per second, 8 per
/// 2 seconds, 60 per 30 seconds, 1800 per hour in one thread). It keeps the time of recent grants, so unlike fixed
/// or segmented sliding windows it never lets a burst straddle a window edge; it reads time from
/// <see cref="TimeProvider"/>, so it is tested without waiting. It does not queue: a refused lease carries
/// <see cref="MetadataName.RetryAfter"/> and the caller decides whether to wait or hand the work back.
/// A granted lease is held for the duration of the call: disposing it moves the grant's time to the moment the
/// answer came back, which is after the server counted the request, so latency can never squeeze two requests
/// into one server-side window.
/// </summary>
public sealed class SlidingLogRateLimiter : RateLimiter
{
    private readonly IReadOnlyList<RateRule> _rules;
    private readonly TimeProvider _time;
    private readonly TimeSpan _longest;
    private readonly List<Grant> _grants = [];
    private readonly Lock _lock = new();
    private long _successful;
    private long _failed;

    public SlidingLogRateLimiter(IReadOnlyList<RateRule> rules, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfZero(rules.Count);
        _rules = rules;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _longest = rules.Max(r => r.Window);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                Prune(_time.GetUtcNow());
                return _grants.Count == 0 ? TimeSpan.Zero : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Prune(_time.GetUtcNow());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _rules.Min(r => r.Permits - Count(_time.GetUtcNow() - r.Window)),
                TotalSuccessfulLeases = Interlocked.Read(ref _successful),
                TotalFailedLeases = Interlocked.Read(ref _failed),
            };
        }
    }

    /// <summary>How long until a request would be allowed; zero when it would be now.</summary>
    public TimeSpan Wait()
    {
        lock (_lock)
        {
            return WaitLocked(_time.GetUtcNow());
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "Each connector call takes one permit.");
        }

        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var wait = WaitLocked(now);
            if (wait > TimeSpan.Zero)
            {
                Interlocked.Increment(ref _failed);
                return new Lease(false, wait, null);
            }

            Grant? grant = null;
            if (permitCount == 1)
            {
                grant = new Grant { At = now };
                _grants.Add(grant);
            }

            Interlocked.Increment(ref _successful);
            return new Lease(true, null, grant is null ? null : () => Complete(grant));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Complete(Grant grant)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now > grant.At)
            {
                grant.At = now;
            }
        }
    }

    private TimeSpan WaitLocked(DateTimeOffset now)
    {
        Prune(now);
        var wait = TimeSpan.Zero;
        var grants = _grants.Select(g => g.At).Order().ToArray();
        foreach (var rule in _rules)
        {
            var inWindow = grants.Where(g => g > now - rule.Window).ToArray();
            if (inWindow.Length >= rule.Permits)
            {
                // The request fits once enough of the grants in this window have aged out of it.
                var freeing = inWindow[inWindow.Length - rule.Permits];
                var until = freeing + rule.Window - now;
                if (until > wait)
                {
                    wait = until;
                }
            }
        }

        return wait;
    }

    private int Count(DateTimeOffset since) => _grants.Count(g => g.At > since);

    private void Prune(DateTimeOffset now) => _grants.RemoveAll(g => g.At <= now - _longest);

    private sealed class Grant
    {
        public DateTimeOffset At { get; set; }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter, Action? complete) : RateLimitLease
    {
        private Action? _complete = complete;

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Interlocked.Exchange(ref _complete, null)?.Invoke();
            base.Dispose(disposing);
        }
    }
}
