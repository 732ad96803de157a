namespace CmBot.Core.Triage.Grading;

/// <summary>How the signals of one mention (risk, tone, complaint) combine before the boosts are added.</summary>
public enum SignalCombination
{
    /// <summary>The strongest signal sets the score: a recall that is also very negative is still "a recall".</summary>
    Strongest,

    /// <summary>Every signal adds up: a recall that is also very negative scores more than a recall alone.</summary>
    Sum,
}

/// <summary>An audience size from which a mention weighs more (a journalist, a news site).</summary>
public sealed record ReachTier(int From, double Weight);

/// <summary>
/// The configurable severity grade: each factor of a mention has a weight, the signals (risks, tone, complaint)
/// combine by <see cref="Combination"/>, the boosts (reach, VIP author, spike) add to that, and the score maps to
/// P1..P4 by thresholds. <see cref="Default"/> reproduces the walking skeleton's rules: a critical risk is P2, any
/// other risk, a very negative tone or a complaint is P3, a risk from a large audience is one level higher, a spike
/// makes a crisis (P1).
/// </summary>
public sealed record SeverityModel
{
    public double CriticalRisk { get; init; } = 2;
    public double OtherRisk { get; init; } = 1;

    /// <summary>Sentiment at or below which a mention is "very negative".</summary>
    public double VeryNegativeBelow { get; init; } = -0.5;
    public double VeryNegative { get; init; } = 1;

    /// <summary>Sentiment at or below which a mention is "negative" (and not very negative).</summary>
    public double NegativeBelow { get; init; } = TriagePolicy.NegativeThreshold;
    public double Negative { get; init; }
    public double Complaint { get; init; } = 1;

    /// <summary>Audience tiers, lowest first; the highest tier reached adds its weight.</summary>
    public IReadOnlyList<ReachTier> Reach { get; init; } = [new ReachTier(10_000, 1)];

    /// <summary>When true, reach only raises a mention that has a risk (a large audience saying something calm is not news).</summary>
    public bool ReachNeedsRisk { get; init; } = true;

    /// <summary>The weight of a VIP author when the VIP entry names none.</summary>
    public double Vip { get; init; } = 1;
    public double Spike { get; init; } = 3;
    public SignalCombination Combination { get; init; } = SignalCombination.Strongest;

    /// <summary>Scores at or above these are P1, P2, P3; anything lower is P4.</summary>
    public double P1From { get; init; } = 3;
    public double P2From { get; init; } = 2;
    public double P3From { get; init; } = 1;

    public static SeverityModel Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value that makes no sense.</summary>
    public SeverityModel Validated()
    {
        NotNegative(CriticalRisk, "weights.critical_risk");
        NotNegative(OtherRisk, "weights.other_risk");
        NotNegative(VeryNegative, "weights.very_negative");
        NotNegative(Negative, "weights.negative");
        NotNegative(Complaint, "weights.complaint");
        NotNegative(Vip, "weights.vip");
        NotNegative(Spike, "weights.spike");
        if (VeryNegativeBelow is < -1 or > 0 || NegativeBelow is < -1 or > 0 || VeryNegativeBelow > NegativeBelow)
        {
            throw new ArgumentException($"sentiment thresholds: very_negative_below ({VeryNegativeBelow}) and negative_below ({NegativeBelow}) are in [-1, 0], very negative first.");
        }

        if (!(P1From > P2From && P2From > P3From && P3From > 0))
        {
            throw new ArgumentException($"thresholds: p1 ({P1From}) > p2 ({P2From}) > p3 ({P3From}) > 0 is required.");
        }

        for (var i = 0; i < Reach.Count; i++)
        {
            NotNegative(Reach[i].Weight, $"reach[{i}].weight");
            if (Reach[i].From < 1 || (i > 0 && Reach[i].From <= Reach[i - 1].From))
            {
                throw new ArgumentException($"reach[{i}].from ({Reach[i].From}): tiers start at 1 or more and go up.");
            }
        }

        return this;
    }

    /// <summary>The weight of the highest reach tier reached, and that tier's threshold (0 and null when none).</summary>
    public double ReachWeight(int reach)
    {
        var weight = 0.0;
        foreach (var tier in Reach)
        {
            if (reach < tier.From)
            {
                break;
            }

            weight = tier.Weight;
        }

        return weight;
    }

    public Incidents.Severity SeverityOf(double score) =>
        score >= P1From ? Incidents.Severity.P1
        : score >= P2From ? Incidents.Severity.P2
        : score >= P3From ? Incidents.Severity.P3
        : Incidents.Severity.P4;

    private static void NotNegative(double weight, string name)
    {
        if (double.IsNaN(weight) || weight < 0)
        {
            throw new ArgumentException($"{name} ({weight}) must be zero or more.");
        }
    }
}
