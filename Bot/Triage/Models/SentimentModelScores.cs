using Microsoft.ML;
using Microsoft.ML.Data;

namespace CmBot.Bot.Triage.Models;

/// <summary>Reads the Score column of a trained model: which label each slot holds, and the best label of one prediction.</summary>
public static class SentimentModelScores
{
    /// <summary>The label of each Score slot, from the slot names the trainer keeps from the label's key values.</summary>
    public static IReadOnlyList<string> LabelsOf(DataViewSchema outputSchema)
    {
        ArgumentNullException.ThrowIfNull(outputSchema);
        var score = outputSchema.GetColumnOrNull("Score")
            ?? throw new InvalidOperationException("the model has no Score column; it is not a classifier trained by `train`.");
        if (score.Annotations.Schema.GetColumnOrNull("SlotNames") is null)
        {
            throw new InvalidOperationException("the model's Score column names no labels; it is not a classifier trained by `train`.");
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    /// <summary>The label with the highest probability (the first one on a tie).</summary>
    public static string Best(VBuffer<float> scores, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var best = 0;
        var values = scores.DenseValues().ToArray();
        for (var i = 1; i < values.Length && i < labels.Count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return labels[best];
    }
}
