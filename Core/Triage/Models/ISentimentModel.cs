namespace CmBot.Core.Triage.Models;

/// <summary>
/// A trained sentiment classifier (in the host: an ML.NET model the user trained with `train`). Core only sees
/// probabilities, never the library behind them. Implementations must be safe to call from several threads.
/// </summary>
public interface ISentimentModel
{
    /// <summary>Whether the model was trained on texts of this language ("fr", "en"); a model trained on no stated language covers all.</summary>
    bool Covers(string language);

    /// <summary>The probabilities the model gives the negative and the positive class for one text (each 0..1).</summary>
    SentimentProbabilities Predict(string text, string language);
}

/// <summary>P(negative) and P(positive) of one text; the rest of the mass is neutral.</summary>
public readonly record struct SentimentProbabilities(double Negative, double Positive)
{
    /// <summary>The model's view as a score on the lexicon's scale: P(positive) - P(negative), in [-1, 1].</summary>
    public double Score => Math.Clamp(Positive - Negative, -1, 1);
}
