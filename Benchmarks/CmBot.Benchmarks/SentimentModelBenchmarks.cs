using BenchmarkDotNet.Attributes;
using CmBot.Bot.Cli;
using CmBot.Bot.Triage.Models;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;
using CmBot.Core.Triage.Models;
using Microsoft.ML;

namespace CmBot.Benchmarks;

/// <summary>
/// Cost of the optional trained sentiment model per text, one thread, 1,000 real texts per batch: the model's
/// prediction alone (borrowing a PredictionEngine from the pool) and full triage with the blend, to set against
/// TriageBenchmarks (lexicon only). The model is <c>$CMBOT_SENTIMENT_MODEL_DIR/{en,fr}.zip</c> when set (e.g. models
/// trained with `train` on the tweets and XED training splits, with their cards), else one trained at setup on the
/// test fixture. The blend uses the default weight.
/// </summary>
[MemoryDiagnoser]
public class SentimentModelBenchmarks
{
    private MlSentimentModel _model = null!;
    private Triager _triager = null!;
    private string[] _texts = [];
    private MentionInput[] _mentions = [];

    [Params("en", "fr")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable("CMBOT_SENTIMENT_MODEL_DIR");
        var path = folder is { Length: > 0 } ? Path.Combine(folder, $"{Language}.zip") : TrainFromFixture();
        _model = MlSentimentModel.Load(path);
        _triager = TriageSetup.CreateTriager(new SentimentBlend(_model, new CmBot.Bot.Triage.TriageOptions().SentimentModelWeight));
        _texts = [.. TriageSetup.Texts(Language).Take(1000)];
        _mentions = [.. _texts.Select((t, i) => new MentionInput("bench", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "about:blank", "@a", 10, t, Language, DateTimeOffset.UnixEpoch))];
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public double ModelPredict()
    {
        var sum = 0.0;
        foreach (var text in _texts)
        {
            sum += _model.Predict(text, Language).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public double BlendedSentimentTriage()
    {
        var sum = 0.0;
        foreach (var mention in _mentions)
        {
            sum += _triager.Assess(mention).Sentiment;
        }

        return sum;
    }

    private static string TrainFromFixture()
    {
        var fixture = Path.Combine(TriageSetup.BotFolder, "..", "Tests", "CmBot.Bot.Tests", "Fixtures", "SentimentModel", "en-tweets-300.csv");
        var (rows, _, _) = TrainCommand.ReadRows(fixture, null);
        var trained = SentimentModelTrainer.Train(rows, 1);
        var path = Path.Combine(Path.GetTempPath(), $"cmbot-bench-model-{Guid.NewGuid():N}.zip");
        new MLContext().Model.Save(trained.Model, trained.InputSchema, path);
        return path;
    }
}
