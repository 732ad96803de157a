using System.Globalization;

namespace CmBot.Core.Triage.Models;

/// <summary>
/// Blends the lexicon score with an optional trained model: <c>sentiment = (1 - w) * lexicon + w * (P(positive) -
/// P(negative))</c>, with <c>w</c> the configured weight (0..1; 0 = lexicon only, 1 = model only). Texts in a
/// language the model was not trained on keep the lexicon score. The result stays in [-1, 1], so the negative and
/// positive thresholds (<see cref="TriagePolicy"/>) and the severity grade read it as before.
/// </summary>
public sealed class SentimentBlend
{
    public SentimentBlend(ISentimentModel model, double weight)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        if (double.IsNaN(weight) || weight < 0 || weight > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The model's weight must be between 0 and 1.");
        }

        Weight = weight;
    }

    public ISentimentModel Model { get; }

    /// <summary>Share of the model in the blended score (0..1).</summary>
    public double Weight { get; }

    /// <summary>
    /// The blended score and, when the model took part, its own score (null when it did not: weight 0 or a
    /// language it does not cover).
    /// </summary>
    public (double Sentiment, double? ModelScore) Apply(double lexicon, string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        if (Weight == 0 || !Model.Covers(language))
        {
            return (lexicon, null);
        }

        var model = Model.Predict(text, language).Score;
        return (Math.Clamp(((1 - Weight) * lexicon) + (Weight * model), -1, 1), model);
    }

    /// <summary>The words added to a triage reason when the model contributed, e.g. "sentiment model -0.82 (lexicon -0.10)".</summary>
    public static string Describe(double modelScore, double lexicon) =>
        string.Create(CultureInfo.InvariantCulture, $"sentiment model {modelScore:+0.00;-0.00;0.00} (lexicon {lexicon:+0.00;-0.00;0.00})");
}
