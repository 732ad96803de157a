namespace CmBot.Core.Reporting;

/// <summary>p50 and p90 of a set of durations; null when the set is empty.</summary>
public sealed record DurationStats(int Count, TimeSpan? P50, TimeSpan? P90)
{
    public static DurationStats Of(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var sorted = durations.Select(d => d.Ticks).Order().ToArray();
        return sorted.Length == 0
            ? new DurationStats(0, null, null)
            : new DurationStats(sorted.Length, TimeSpan.FromTicks(Percentiles.Of(sorted, 0.5)), TimeSpan.FromTicks(Percentiles.Of(sorted, 0.9)));
    }
}

public static class Percentiles
{
    /// <summary>
    /// Linear interpolation between closest ranks (the "inclusive" definition spreadsheets use), so p50 of two
    /// values is their middle and p90 of one value is that value.
    /// </summary>
    public static long Of(IReadOnlyList<long> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        var fraction = rank - low;
        return sorted[low] + (long)Math.Round((sorted[high] - sorted[low]) * fraction);
    }
}
