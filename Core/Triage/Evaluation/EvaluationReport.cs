namespace CmBot.Core.Triage.Evaluation;

/// <summary>
/// Figures of one labelled run: accuracy, macro-F1 over the gold label set, and per-class precision/recall/F1.
/// </summary>
public sealed record EvaluationReport(int Count, double Accuracy, double MacroF1, IReadOnlyList<ClassMetrics> Classes)
{
    public ClassMetrics For(string label) =>
        Classes.FirstOrDefault(c => string.Equals(c.Label, label, StringComparison.Ordinal))
        ?? new ClassMetrics(label, 0, 0, 0, 0);

    /// <summary>
    /// Scores predictions against gold labels. The classes are <paramref name="labels"/> (every label the task
    /// knows, so a class that is never predicted still counts 0 in the macro average).
    /// </summary>
    public static EvaluationReport Compute(IEnumerable<(string Gold, string Predicted)> pairs, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            throw new ArgumentException("At least one label is needed.", nameof(labels));
        }

        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var truePositives = new int[labels.Count];
        var predictedCount = new int[labels.Count];
        var goldCount = new int[labels.Count];
        var count = 0;
        var correct = 0;
        foreach (var (gold, predicted) in pairs)
        {
            if (!index.TryGetValue(gold, out var g))
            {
                throw new ArgumentException($"Gold label '{gold}' is not one of {string.Join(", ", labels)}.", nameof(pairs));
            }

            if (!index.TryGetValue(predicted, out var p))
            {
                throw new ArgumentException($"Predicted label '{predicted}' is not one of {string.Join(", ", labels)}.", nameof(pairs));
            }

            count++;
            goldCount[g]++;
            predictedCount[p]++;
            if (g == p)
            {
                correct++;
                truePositives[g]++;
            }
        }

        var classes = labels
            .Select((label, i) => ClassMetrics.FromCounts(label, truePositives[i], predictedCount[i] - truePositives[i], goldCount[i] - truePositives[i]))
            .ToList();
        var accuracy = count == 0 ? 0 : (double)correct / count;
        var macroF1 = classes.Average(c => c.F1);
        return new EvaluationReport(count, accuracy, macroF1, classes);
    }
}
