namespace CmBot.Bot.Slack.SocketMode;

/// <summary>
/// How long to wait before the next connection attempt: exponential in the failures in a row, capped, with
/// jitter so that many CmBot instances (or connections) cut off together do not come back in lock-step. A
/// connection that stayed up for <c>healthyAfter</c> proves things work again, so counting starts afresh.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, TimeSpan healthyAfter, Func<double> jitter)
{
    private int _failures;
    private DateTimeOffset? _connectedAt;

    public int Failures => _failures;

    /// <summary>A connection is up (Slack said hello).</summary>
    public void Connected(DateTimeOffset at) => _connectedAt = at;

    /// <summary>Records a failure (or a lost connection) at <paramref name="now"/> and returns the wait before retrying.</summary>
    public TimeSpan NextDelay(DateTimeOffset now)
    {
        if (_connectedAt is { } up && now - up >= healthyAfter)
        {
            _failures = 0;
        }

        _connectedAt = null;
        if (_failures < int.MaxValue)
        {
            _failures++;
        }

        return Compute(_failures, jitter(), initial, max);
    }

    /// <summary>
    /// "Equal jitter": half the exponential step is kept and half is random, so a retry never fires at once
    /// (no hot loop against a failing Slack) yet attempts spread out.
    /// </summary>
    /// <param name="attempt">1 for the first failure in a row.</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public static TimeSpan Compute(int attempt, double jitter, TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1d);

        // Doubling stops at the cap, so huge attempt counts cannot overflow.
        var step = initial;
        for (var i = 1; i < attempt && step < max; i++)
        {
            step *= 2;
        }

        if (step > max)
        {
            step = max;
        }

        return (step / 2) + (step / 2 * jitter);
    }
}
