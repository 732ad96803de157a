namespace CmBot.Core.Triage.Spikes;

/// <summary>
/// Counts mentions per brand/topic key in a sliding window and compares the count with what is usual for that hour of
/// the week: each key keeps one EWMA per hour-of-week bucket (168) of the count per window, learned hour by hour
/// (an hour without mentions teaches 0). A spike needs <see cref="SpikeOptions.MinimumCount"/> mentions and
/// <see cref="SpikeOptions.Ratio"/> times the usual count, then the key is quiet for <see cref="SpikeOptions.Cooldown"/>.
/// Times come from the <see cref="TimeProvider"/> (when the mention is seen). Not thread-safe: one writer.
/// </summary>
public sealed class SpikeDetector(SpikeOptions options, TimeProvider time)
{
    private const int HoursPerWeek = 168;
    private readonly SpikeOptions options = options.Validated();
    private readonly Dictionary<string, KeyState> keys = new(StringComparer.Ordinal);

    /// <summary>Counts one mention about <paramref name="key"/> now; returns the spike it completes, or null.</summary>
    public SpikeSignal? Observe(string key) => Observe(key, time.GetUtcNow());

    /// <summary>
    /// Counts one mention about <paramref name="key"/> published at <paramref name="at"/> (a replayed history keeps
    /// its own clock). A time before the key's latest counts as the latest, so late items never rewind the window.
    /// </summary>
    public SpikeSignal? Observe(string key, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var now = at;
        if (!keys.TryGetValue(key, out var state))
        {
            state = new KeyState(HourStart(now));
            keys[key] = state;
        }

        if (state.Latest is { } latest && now < latest)
        {
            now = latest;
        }

        state.Latest = now;

        state.Learn(HourStart(now), options);
        state.HourCount++;
        state.Recent.Enqueue(now);
        while (state.Recent.Peek() <= now - options.Window)
        {
            state.Recent.Dequeue();
        }

        var hourOfWeek = HourOfWeek(now);
        var usual = Usual(state, hourOfWeek);
        var count = state.Recent.Count;
        if (count < options.MinimumCount || count < options.Ratio * usual)
        {
            return null;
        }

        if (state.LastSpike is { } last && now - last < options.Cooldown)
        {
            return null;
        }

        state.LastSpike = now;
        return new SpikeSignal(key, count, options.Window, usual, hourOfWeek, now);
    }

    /// <summary>The usual count per window for a key at an hour of the week (the cold-start default when never learned).</summary>
    public double Usual(string key, int hourOfWeek) =>
        keys.TryGetValue(key, out var state) ? Usual(state, hourOfWeek) : options.ColdStartPerWindow;

    private double Usual(KeyState state, int hourOfWeek) =>
        state.Learned[hourOfWeek] ? Math.Max(state.Baseline[hourOfWeek], options.ColdStartPerWindow / 4) : options.ColdStartPerWindow;

    /// <summary>Hours since Monday 00:00 UTC.</summary>
    public static int HourOfWeek(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var day = ((int)utc.DayOfWeek + 6) % 7;
        return (day * 24) + utc.Hour;
    }

    private static DateTimeOffset HourStart(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private sealed class KeyState(DateTimeOffset hour)
    {
        public double[] Baseline { get; } = new double[HoursPerWeek];

        public bool[] Learned { get; } = new bool[HoursPerWeek];

        public Queue<DateTimeOffset> Recent { get; } = new();

        public DateTimeOffset CurrentHour { get; private set; } = hour;

        public int HourCount { get; set; }

        public DateTimeOffset? LastSpike { get; set; }

        public DateTimeOffset? Latest { get; set; }

        /// <summary>Folds every finished hour (at most one week's worth) into its bucket before counting in a new one.</summary>
        public void Learn(DateTimeOffset hour, SpikeOptions options)
        {
            if (hour <= CurrentHour)
            {
                return;
            }

            var perWindow = options.Window.TotalHours;
            var steps = 0;
            for (var h = CurrentHour; h < hour && steps < HoursPerWeek; h = h.AddHours(1), steps++)
            {
                var bucket = HourOfWeek(h);
                var observed = (h == CurrentHour ? HourCount : 0) * perWindow;
                Baseline[bucket] = Learned[bucket] ? (options.Smoothing * observed) + ((1 - options.Smoothing) * Baseline[bucket]) : observed;
                Learned[bucket] = true;
            }

            CurrentHour = hour;
            HourCount = 0;
        }
    }
}
