namespace CmBot.Bot.Feeds.Polling;

/// <summary>
/// How long a failing source rests before the next try: its interval doubled per failure in a row, capped at
/// one hour (and never below the interval), so a broken feed is neither hammered nor forgotten.
/// </summary>
public static class SourceBackoff
{
    public static readonly TimeSpan Max = TimeSpan.FromHours(1);

    public static TimeSpan Delay(TimeSpan interval, int consecutiveFailures)
    {
        if (consecutiveFailures <= 0)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, Max.Ticks));
        return delay < interval ? interval : delay;
    }

    /// <summary>True while the source should not be fetched yet.</summary>
    public static bool IsResting(TimeSpan interval, int consecutiveFailures, DateTimeOffset? lastErrorAt, DateTimeOffset now) =>
        consecutiveFailures > 0 && lastErrorAt is { } at && now < at + Delay(interval, consecutiveFailures) - TimeSpan.FromSeconds(1);
}
