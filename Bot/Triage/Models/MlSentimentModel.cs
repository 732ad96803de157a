using CmBot.Core.Triage.Evaluation;
using CmBot.Core.Triage.Models;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace CmBot.Bot.Triage.Models;

/// <summary>
/// A model trained by `train`, loaded from its zip (and its card, for the languages it covers). ML.NET's
/// PredictionEngine is not thread-safe, so engines are kept in a pool: each prediction borrows one and gives it back.
/// </summary>
public sealed class MlSentimentModel : ISentimentModel
{
    private readonly ObjectPool<PredictionEngine<SentimentModelInput, SentimentModelOutput>> _engines;
    private readonly int _negative;
    private readonly int _positive;
    private readonly HashSet<string> _languages;

    private MlSentimentModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, IReadOnlyList<string> labels, IReadOnlyList<string> languages)
    {
        Labels = labels;
        _negative = IndexOf(labels, EvaluationTask.Negative);
        _positive = IndexOf(labels, EvaluationTask.Positive);
        _languages = new HashSet<string>(languages, StringComparer.Ordinal);
        _engines = new DefaultObjectPoolProvider().Create(new EnginePolicy(ml, model, inputSchema));
    }

    /// <summary>The label of each probability the model returns.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Languages the model was trained on; empty when not stated (the model then covers all).</summary>
    public IReadOnlyCollection<string> Languages => _languages;

    /// <summary>
    /// Loads a model file. Throws FormatException with the path and reason when it is not a model `train` wrote
    /// (not an ML.NET zip, no labelled Score column, neither a negative nor a positive label, a malformed card).
    /// </summary>
    public static MlSentimentModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        var ml = new MLContext(seed: 0);
        ITransformer model;
        DataViewSchema inputSchema;
        IReadOnlyList<string> labels;
        try
        {
            model = ml.Model.Load(path, out inputSchema);
            if (inputSchema.GetColumnOrNull(nameof(SentimentModelInput.Text)) is null)
            {
                throw new InvalidOperationException("the model reads no Text column; it is not a model trained by `train`.");
            }

            labels = SentimentModelScores.LabelsOf(model.GetOutputSchema(inputSchema));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            throw new FormatException($"'{path}' is not a sentiment model written by `train` ({ex.Message}).", ex);
        }

        if (!labels.Contains(EvaluationTask.Negative, StringComparer.Ordinal) && !labels.Contains(EvaluationTask.Positive, StringComparer.Ordinal))
        {
            throw new FormatException($"'{path}': the model's labels ({string.Join(", ", labels)}) hold neither 'negative' nor 'positive'.");
        }

        var card = SentimentModelCard.ReadIfPresent(SentimentModelCard.PathFor(path));
        return new MlSentimentModel(ml, model, inputSchema, labels, card?.Languages ?? []);
    }

    public bool Covers(string language) => _languages.Count == 0 || _languages.Contains(language);

    public SentimentProbabilities Predict(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var engine = _engines.Get();
        try
        {
            var scores = engine.Predict(new SentimentModelInput { Text = text }).Score.GetValues();
            return new SentimentProbabilities(At(scores, _negative), At(scores, _positive));
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private static double At(ReadOnlySpan<float> scores, int index) => index >= 0 && index < scores.Length ? scores[index] : 0;

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model, DataViewSchema inputSchema) : IPooledObjectPolicy<PredictionEngine<SentimentModelInput, SentimentModelOutput>>
    {
        public PredictionEngine<SentimentModelInput, SentimentModelOutput> Create() =>
            ml.Model.CreatePredictionEngine<SentimentModelInput, SentimentModelOutput>(model, inputSchema);

        public bool Return(PredictionEngine<SentimentModelInput, SentimentModelOutput> obj) => true;
    }
}
