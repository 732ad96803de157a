namespace CmBot.Core.Triage;

/// <summary>Sentiment thresholds and the incident burst rule; the per-mention grade is Grading/SeverityModel.</summary>
public sealed record TriagePolicy
{
    /// <summary>Sentiment at or below which a mention counts as negative (chosen on the dev split, see docs/triage-evaluation.md).</summary>
    public const double NegativeThreshold = -0.05;

    /// <summary>Sentiment at or above which a mention counts as positive.</summary>
    public const double PositiveThreshold = 0.05;

    /// <summary>Mentions of one incident within <see cref="BurstWindow"/> that make it a P1 crisis.</summary>
    public int BurstCount { get; init; } = 15;

    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromHours(1);
}
