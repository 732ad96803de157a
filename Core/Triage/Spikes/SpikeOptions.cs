namespace CmBot.Core.Triage.Spikes;

/// <summary>When a burst of mentions about one brand/topic key counts as a spike.</summary>
/// <param name="Window">The sliding window mentions are counted in.</param>
/// <param name="MinimumCount">Fewer mentions than this in the window are never a spike, whatever the baseline.</param>
/// <param name="Ratio">The window count must be at least this many times the usual count for that hour of the week.</param>
/// <param name="Cooldown">After a spike, the same key raises no new one for this long (one wave, one signal).</param>
/// <param name="ColdStartPerWindow">The usual count per window assumed for an hour of the week never seen yet.</param>
/// <param name="Smoothing">EWMA weight of the newest week for an hour-of-week bucket (0..1].</param>
public sealed record SpikeOptions(
    TimeSpan Window,
    int MinimumCount,
    double Ratio,
    TimeSpan Cooldown,
    double ColdStartPerWindow,
    double Smoothing)
{
    /// <summary>15-minute windows, at least 10 mentions, 3x the usual, one signal per hour.</summary>
    public static SpikeOptions Default { get; } = new(TimeSpan.FromMinutes(15), 10, 3.0, TimeSpan.FromHours(1), 1.0, 0.3);

    /// <summary>Throws when a value makes no sense, naming it.</summary>
    public SpikeOptions Validated()
    {
        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "The spike window is between 1 second and 1 hour.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumCount, 1, nameof(MinimumCount));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Ratio, 1.0, nameof(Ratio));
        ArgumentOutOfRangeException.ThrowIfLessThan(Cooldown, TimeSpan.Zero, nameof(Cooldown));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ColdStartPerWindow, 0.0, nameof(ColdStartPerWindow));
        if (Smoothing is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "The smoothing weight is in (0, 1].");
        }

        return this;
    }
}
