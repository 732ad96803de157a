using CmBot.Bot.Cli;
using CmBot.Bot.Triage.Models;
using Microsoft.ML;

namespace CmBot.Bot.Tests.Triage.Models;

/// <summary>A sentiment model trained once (seed 1) on the 300-tweet fixture and saved with its card in a temp folder.</summary>
public sealed class TrainedModel : IDisposable
{
    public TrainedModel()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cmbot-tests", "model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        ModelPath = Path.Combine(Folder, "sentiment.zip");
        var (rows, languages, _) = TrainCommand.ReadRows(FixturePath, null);
        Trained = SentimentModelTrainer.Train(rows, 1);
        new MLContext().Model.Save(Trained.Model, Trained.InputSchema, ModelPath);
        new SentimentModelCard(Trained.Labels, [.. languages], Trained.TrainingRows, Trained.HeldOutRows, 1, DateTimeOffset.UnixEpoch, "en-tweets-300.csv", null)
            .Write(SentimentModelCard.PathFor(ModelPath));
    }

    public static string FixturePath => Fixture("en-tweets-300.csv");

    public string Folder { get; }

    public string ModelPath { get; }

    public TrainedSentimentModel Trained { get; }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "SentimentModel", name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
