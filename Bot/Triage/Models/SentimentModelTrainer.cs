using CmBot.Core.Triage.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace CmBot.Bot.Triage.Models;

/// <summary>A trained model, the labels of its Score column and its figures on the held-out part.</summary>
public sealed record TrainedSentimentModel(ITransformer Model, DataViewSchema InputSchema, IReadOnlyList<string> Labels, EvaluationReport HeldOut, int TrainingRows, int HeldOutRows);

/// <summary>
/// Trains the optional sentiment classifier: lower-cased, accent-folded text → word uni/bi-grams and character
/// tri-grams (stop words kept: "not", "pas" carry the sentiment) → multiclass maximum entropy (SDCA, one thread so
/// that a seed gives the same model). A stratified 20 % is held out, the model is trained on the rest and scored on it.
/// </summary>
public static class SentimentModelTrainer
{
    public const double HeldOutFraction = 0.2;

    /// <summary>Trains on <paramref name="rows"/> (text, normalised sentiment label) with <paramref name="seed"/>.</summary>
    public static TrainedSentimentModel Train(IReadOnlyList<(string Text, string Label)> rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (trainIndices, heldOutIndices) = StratifiedSplit.Split([.. rows.Select(r => r.Label)], HeldOutFraction, seed);
        var ml = new MLContext(seed);
        var training = ml.Data.LoadFromEnumerable(trainIndices.Select(i => new SentimentModelInput { Text = rows[i].Text, Label = rows[i].Label }));
        var model = Pipeline(ml).Fit(training);
        var labels = SentimentModelScores.LabelsOf(model.GetOutputSchema(training.Schema));

        var pairs = new List<(string, string)>(heldOutIndices.Count);
        using (var engine = ml.Model.CreatePredictionEngine<SentimentModelInput, SentimentModelOutput>(model, training.Schema))
        {
            foreach (var i in heldOutIndices)
            {
                var output = engine.Predict(new SentimentModelInput { Text = rows[i].Text });
                pairs.Add((rows[i].Label, SentimentModelScores.Best(output.Score, labels)));
            }
        }

        var report = EvaluationReport.Compute(pairs, EvaluationTask.SentimentLabels);
        return new TrainedSentimentModel(model, training.Schema, labels, report, trainIndices.Count, heldOutIndices.Count);
    }

    private static EstimatorChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> Pipeline(MLContext ml)
    {
        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = true,
            KeepNumbers = true,
            StopWordsRemoverOptions = null,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var trainer = new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(SentimentModelInput.Label),
            FeatureColumnName = "Features",
            NumberOfThreads = 1,
        };
        return ml.Transforms.Conversion.MapValueToKey(nameof(SentimentModelInput.Label), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("Features", text, nameof(SentimentModelInput.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(trainer));
    }
}
