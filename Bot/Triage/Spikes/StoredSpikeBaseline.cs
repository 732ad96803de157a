namespace CmBot.Bot.Triage.Spikes;

/// <summary>One topic key's learned spike baseline, saved so a restart still knows what "usual" is.</summary>
public sealed class StoredSpikeBaseline
{
    public required string Key { get; set; }

    /// <summary>168 hour-of-week buckets, ';'-separated, invariant culture; an empty bucket was never learned.</summary>
    public required string Buckets { get; set; }
    public DateTimeOffset CurrentHour { get; set; }
    public int HourCount { get; set; }
    public DateTimeOffset? LastSpike { get; set; }
    public DateTimeOffset? Latest { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
