namespace CmBot.Core.Triage;

/// <summary>Thresholds of the walking-skeleton severity rules; configurable weights come with the triage issue.</summary>
public sealed record TriagePolicy
{
    /// <summary>Sentiment at or below which a mention counts as negative (chosen on the dev split, see docs/triage-evaluation.md).</summary>
    public const double NegativeThreshold = -0.05;

    /// <summary>Sentiment at or above which a mention counts as positive.</summary>
    public const double PositiveThreshold = 0.05;

    /// <summary>Reach from which a risky mention is one level more urgent (a journalist, a news site).</summary>
    public int HighReach { get; init; } = 10_000;

    /// <summary>Mentions of one incident within <see cref="BurstWindow"/> that make it a P1 crisis.</summary>
    public int BurstCount { get; init; } = 15;

    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromHours(1);
}
