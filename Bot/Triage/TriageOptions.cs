namespace CmBot.Bot.Triage;

/// <summary>The <c>CmBot:Triage</c> section.</summary>
public sealed class TriageOptions
{
    /// <summary>
    /// Path of a sentiment model trained with `train` (empty, the default: none, sentiment is the lexicon's alone).
    /// A missing or unreadable file stops start-up.
    /// </summary>
    public string SentimentModel { get; set; } = string.Empty;

    /// <summary>
    /// Share of the model in the sentiment score, 0..1: <c>(1 - w) * lexicon + w * (P(positive) - P(negative))</c>.
    /// Used only when <see cref="SentimentModel"/> is set. The default 0.25 was chosen on the dev splits (docs/triage-evaluation.md).
    /// </summary>
    public double SentimentModelWeight { get; set; } = 0.25;
}
