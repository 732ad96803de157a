using CmBot.Core.Incidents;

namespace CmBot.Core.Triage;

/// <summary>Sentiment thresholds and the incident burst rule; the per-mention grade is Grading/SeverityModel.</summary>
public sealed record TriagePolicy
{
    /// <summary>Sentiment at or below which a mention counts as negative (chosen on the dev split, see docs/triage-evaluation.md).</summary>
    public const double NegativeThreshold = -0.05;

    /// <summary>Sentiment at or above which a mention counts as positive.</summary>
    public const double PositiveThreshold = 0.05;

    /// <summary>Shortest and longest burst window accepted (the window is also a look-back over stored mentions).</summary>
    public static readonly TimeSpan MinimumBurstWindow = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaximumBurstWindow = TimeSpan.FromDays(1);

    /// <summary>Mentions of one incident within <see cref="BurstWindow"/> that raise it to <see cref="BurstSeverity"/>.</summary>
    public int BurstCount { get; init; } = 15;

    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The severity a burst raises an incident to (never lowers one that is already more urgent).</summary>
    public Severity BurstSeverity { get; init; } = Severity.P1;

    /// <summary>Checks the burst rule; throws <see cref="ArgumentException"/> naming the value that is wrong.</summary>
    public TriagePolicy Validated()
    {
        if (BurstCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(BurstCount), BurstCount, "The burst count is at least 2 (one mention is not a burst).");
        }

        if (BurstWindow < MinimumBurstWindow || BurstWindow > MaximumBurstWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(BurstWindow), BurstWindow, "The burst window is between 1 minute and 1 day.");
        }

        if (BurstSeverity is not (Severity.P1 or Severity.P2 or Severity.P3))
        {
            throw new ArgumentOutOfRangeException(nameof(BurstSeverity), BurstSeverity, "A burst raises an incident to P1, P2 or P3.");
        }

        return this;
    }
}
