namespace CmBot.Core.Triage.Spikes;

/// <summary>
/// What a <see cref="SpikeDetector"/> learned about one key, as saved between runs: the usual count per window for each
/// hour of the week (168 buckets, <paramref name="Learned"/> says which were ever seen), the hour being counted and
/// its count so far, and the last spike (so a restart keeps the cooldown).
/// </summary>
public sealed record SpikeBaseline(
    string Key,
    IReadOnlyList<double> Baseline,
    IReadOnlyList<bool> Learned,
    DateTimeOffset CurrentHour,
    int HourCount,
    DateTimeOffset? LastSpike,
    DateTimeOffset? Latest);
