namespace CmBot.Core.Triage.Evaluation;

/// <summary>What a labelled file measures: sentiment (negative/neutral/positive) or complaint detection.</summary>
public enum EvaluationKind
{
    Sentiment,
    Complaint,
}

/// <summary>Recognises the label set of a file and turns a triage verdict into the predicted label.</summary>
public static class EvaluationTask
{
    public const string Negative = "negative";
    public const string Neutral = "neutral";
    public const string Positive = "positive";
    public const string Complaint = "complaint";
    public const string NotComplaint = "not_complaint";

    public static readonly IReadOnlyList<string> SentimentLabels = [Negative, Neutral, Positive];

    public static readonly IReadOnlyList<string> ComplaintLabels = [Complaint, NotComplaint];

    public static IReadOnlyList<string> Labels(EvaluationKind kind) => kind == EvaluationKind.Sentiment ? SentimentLabels : ComplaintLabels;

    /// <summary>The alert class whose precision/recall matter most: negative, or complaint.</summary>
    public static string AlertLabel(EvaluationKind kind) => kind == EvaluationKind.Sentiment ? Negative : Complaint;

    /// <summary>
    /// Lower-cases a gold label and reads the usual short and French spellings ("neg", "négatif", "neutre",
    /// "non_complaint"); throws with the label when it belongs to neither set.
    /// </summary>
    public static string Normalise(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var folded = label.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return folded switch
        {
            Negative or Neutral or Positive or Complaint or NotComplaint => folded,
            "neg" or "negatif" or "négatif" or "negative_sentiment" => Negative,
            "neu" or "neutre" or "neutral_sentiment" => Neutral,
            "pos" or "positif" or "positive_sentiment" => Positive,
            "plainte" => Complaint,
            "non_complaint" or "no_complaint" or "noncomplaint" or "pas_plainte" or "non_plainte" => NotComplaint,
            _ => throw new FormatException($"label '{label}' is not one of negative, neutral, positive, complaint, not_complaint."),
        };
    }

    /// <summary>The kind of a whole file: every label must belong to the same set.</summary>
    public static EvaluationKind KindOf(IEnumerable<string> normalisedLabels)
    {
        ArgumentNullException.ThrowIfNull(normalisedLabels);
        bool sentiment = false, complaint = false;
        foreach (var label in normalisedLabels)
        {
            sentiment |= label is Negative or Neutral or Positive;
            complaint |= label is Complaint or NotComplaint;
        }

        return (sentiment, complaint) switch
        {
            (true, true) => throw new FormatException("the file mixes sentiment labels and complaint labels; use one set per file."),
            (false, true) => EvaluationKind.Complaint,
            _ => EvaluationKind.Sentiment,
        };
    }

    public static string Predict(TriageResult result, EvaluationKind kind, double negativeThreshold = TriagePolicy.NegativeThreshold)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (kind == EvaluationKind.Complaint)
        {
            return result.IsComplaint ? Complaint : NotComplaint;
        }

        return result.Sentiment <= negativeThreshold ? Negative : result.Sentiment >= TriagePolicy.PositiveThreshold ? Positive : Neutral;
    }
}
