namespace CmBot.Core.Triage.Evaluation;

/// <summary>Precision, recall and F1 of one class (one-vs-rest), with how many gold items it has.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support)
{
    /// <summary>Precision and recall from counts; 0 when a denominator is 0 (nothing predicted / nothing to find).</summary>
    public static ClassMetrics FromCounts(string label, int truePositives, int falsePositives, int falseNegatives)
    {
        var precision = truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives);
        var recall = truePositives + falseNegatives == 0 ? 0 : (double)truePositives / (truePositives + falseNegatives);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(label, precision, recall, f1, truePositives + falseNegatives);
    }
}
