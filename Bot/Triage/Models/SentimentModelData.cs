using Microsoft.ML.Data;

namespace CmBot.Bot.Triage.Models;

/// <summary>One row given to the ML.NET pipeline: the text and, when training, its gold label (empty when predicting).</summary>
public sealed class SentimentModelInput
{
    public string Text { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;
}

/// <summary>What the model returns for one text: a probability per label, in the order of the Score column's slot names.</summary>
public sealed class SentimentModelOutput
{
    [ColumnName("Score")]
    public VBuffer<float> Score { get; set; }
}
