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
    /// <summary>The options in force (validated).</summary>
    public SpikeOptions Options => options;

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
        state.Dirty = true;

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

    /// <summary>How many keys changed since the last <see cref="TakeChanges"/> (nothing to save when 0).</summary>
    public int ChangedCount => keys.Values.Count(k => k.Dirty);

    /// <summary>
    /// The learned state of every key changed since the last call, for saving; the keys count as saved afterwards.
    /// The sliding window itself is not part of it: after a restart a window starts empty, the baseline does not.
    /// </summary>
    public IReadOnlyList<SpikeBaseline> TakeChanges()
    {
        var changes = new List<SpikeBaseline>();
        foreach (var (key, state) in keys)
        {
            if (state.Dirty)
            {
                changes.Add(new SpikeBaseline(key, [.. state.Baseline], [.. state.Learned], state.CurrentHour, state.HourCount, state.LastSpike, state.Latest));
                state.Dirty = false;
            }
        }

        return changes;
    }

    /// <summary>Restores saved keys (at start, before any mention is observed); a key already observed keeps its state.</summary>
    public void Restore(IEnumerable<SpikeBaseline> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var baseline in saved)
        {
            if (keys.ContainsKey(baseline.Key))
            {
                continue;
            }

            var state = new KeyState(baseline.CurrentHour) { HourCount = baseline.HourCount, LastSpike = baseline.LastSpike, Latest = baseline.Latest };
            for (var i = 0; i < HoursPerWeek && i < baseline.Baseline.Count && i < baseline.Learned.Count; i++)
            {
                state.Baseline[i] = baseline.Baseline[i];
                state.Learned[i] = baseline.Learned[i];
            }

            keys[baseline.Key] = state;
        }
    }

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

        public bool Dirty { get; set; }

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
