namespace CmBot.Bot.Triage.Grading;

/// <summary>An entry that remembers the line it starts on in severity.yaml, for error messages.</summary>
internal abstract class SeverityYamlEntry
{
    public int Line { get; set; }
}

/// <summary>severity.yaml as written (snake_case keys); <see cref="SeverityFile"/> checks and converts it.</summary>
internal sealed class SeverityDocument : SeverityYamlEntry
{
    public WeightsEntry? Weights { get; set; }
    public SentimentEntry? Sentiment { get; set; }
    public ReachEntry? Reach { get; set; }
    public ThresholdsEntry? Thresholds { get; set; }
    public string? Combine { get; set; }
    public List<VipEntry> Vips { get; set; } = [];
    public SpikesEntry? Spikes { get; set; }
    public BurstEntry? Burst { get; set; }
}

internal sealed class WeightsEntry : SeverityYamlEntry
{
    public double? CriticalRisk { get; set; }
    public double? OtherRisk { get; set; }
    public double? VeryNegative { get; set; }
    public double? Negative { get; set; }
    public double? Complaint { get; set; }
    public double? Vip { get; set; }
    public double? Spike { get; set; }
}

internal sealed class SentimentEntry : SeverityYamlEntry
{
    public double? VeryNegativeBelow { get; set; }
    public double? NegativeBelow { get; set; }
}

internal sealed class ReachEntry : SeverityYamlEntry
{
    public bool? OnlyWithRisk { get; set; }
    public List<ReachTierEntry>? Tiers { get; set; }
}

internal sealed class ReachTierEntry : SeverityYamlEntry
{
    public int? From { get; set; }
    public double? Weight { get; set; }
}

internal sealed class ThresholdsEntry : SeverityYamlEntry
{
    public double? P1 { get; set; }
    public double? P2 { get; set; }
    public double? P3 { get; set; }
}

internal sealed class VipEntry : SeverityYamlEntry
{
    public string? Kind { get; set; }
    public string? Label { get; set; }
    public double? Weight { get; set; }

    /// <summary>Source key to one handle or a list of them, e.g. <c>mastodon: "@jane@press.social"</c>.</summary>
    public Dictionary<string, object?> Handles { get; set; } = [];
}

internal sealed class SpikesEntry : SeverityYamlEntry
{
    public string? Window { get; set; }
    public int? MinimumCount { get; set; }
    public double? Ratio { get; set; }
    public string? Cooldown { get; set; }
    public double? ColdStart { get; set; }
    public double? Smoothing { get; set; }
    public string? SaveEvery { get; set; }
}

internal sealed class BurstEntry : SeverityYamlEntry
{
    public int? Count { get; set; }
    public string? Window { get; set; }
    public string? Severity { get; set; }
}
