using CmBot.Bot.Cli;
using CmBot.Bot.Hosting;
using CmBot.Bot.Triage;
using CmBot.Bot.Triage.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace CmBot.Bot.Tests.Triage.Models;

/// <summary>Training, loading and using the optional ML.NET sentiment model, without the host.</summary>
public sealed class SentimentModelTests(TrainedModel model) : IClassFixture<TrainedModel>
{
    private static readonly string[] Probes =
    [
        "Having trouble with support again, totally out of control.",
        "What a lovely day, thanks for the great service!",
        "The meeting is at 3pm in room 12.",
    ];

    [Fact]
    public void Train_Fixture_HoldsOutStratifiedTwentyPercent()
    {
        Assert.Equal(240, model.Trained.TrainingRows);
        Assert.Equal(60, model.Trained.HeldOutRows);
        Assert.Equal(["negative", "neutral", "positive"], model.Trained.Labels);
        Assert.All(model.Trained.HeldOut.Classes, c => Assert.Equal(20, c.Support));

        // Three balanced classes: a model that learned nothing would sit near 0.33 accuracy.
        Assert.InRange(model.Trained.HeldOut.Accuracy, 0.5, 1);
    }

    [Fact]
    public void Train_SameSeed_SameFiguresAndSameProbabilities()
    {
        var (rows, _, _) = TrainCommand.ReadRows(TrainedModel.FixturePath, null);
        var again = SentimentModelTrainer.Train(rows, 1);
        var path = Path.Combine(model.Folder, "again.zip");
        new Microsoft.ML.MLContext().Model.Save(again.Model, again.InputSchema, path);

        Assert.Equal(model.Trained.HeldOut.Accuracy, again.HeldOut.Accuracy);
        Assert.Equal(model.Trained.HeldOut.Classes, again.HeldOut.Classes);
        var first = MlSentimentModel.Load(model.ModelPath);
        var second = MlSentimentModel.Load(path);
        foreach (var probe in Probes)
        {
            Assert.Equal(first.Predict(probe, "en"), second.Predict(probe, "en"));
        }
    }

    [Fact]
    public void Load_SavedModel_ReadsLabelsAndLanguagesFromCard()
    {
        var loaded = MlSentimentModel.Load(model.ModelPath);

        Assert.Equal(["negative", "neutral", "positive"], loaded.Labels);
        Assert.Equal(["en"], loaded.Languages);
        Assert.True(loaded.Covers("en"));
        Assert.False(loaded.Covers("fr"));
        var p = loaded.Predict(Probes[1], "en");
        Assert.InRange(p.Negative + p.Positive, 0, 1.0001);
        Assert.True(p.Positive > p.Negative, $"P(positive) {p.Positive} should beat P(negative) {p.Negative} on a glowing text.");
    }

    [Fact]
    public async Task Predict_FromManyThreads_SameAnswersAsOneThread()
    {
        var loaded = MlSentimentModel.Load(model.ModelPath);
        var expected = Probes.Select(p => loaded.Predict(p, "en")).ToArray();

        // 8 workers x 50 predictions through the engine pool; each answer must match the single-threaded one.
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(
            () => Enumerable.Range(0, 50).All(i => loaded.Predict(Probes[(w + i) % Probes.Length], "en") == expected[(w + i) % Probes.Length]),
            TestContext.Current.CancellationToken));

        Assert.All(await Task.WhenAll(workers), Assert.True);
    }

    [Fact]
    public void Load_NotAModel_ThrowsWithPathAndReason()
    {
        var path = Path.Combine(model.Folder, "not-a-model.zip");
        File.WriteAllText(path, "this is not a zip");

        var error = Assert.Throws<FormatException>(() => MlSentimentModel.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a sentiment model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_NoModelConfigured_ReturnsNoBlend() =>
        Assert.Null(SentimentModelSetup.Load("/", new TriageOptions(), NullLogger.Instance));

    [Fact]
    public void Setup_MissingModel_ThrowsConfigurationExceptionNamingKey()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            SentimentModelSetup.Load("/", new TriageOptions { SentimentModel = "/nonexistent/model.zip" }, NullLogger.Instance));

        Assert.StartsWith("CmBot:Triage:SentimentModel: '/nonexistent/model.zip' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_MalformedCard_ThrowsConfigurationExceptionNamingKey()
    {
        var folder = Path.Combine(model.Folder, "bad-card");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "m.zip");
        File.Copy(model.ModelPath, path);
        File.WriteAllText(SentimentModelCard.PathFor(path), "{ not json");

        var error = Assert.Throws<ConfigurationException>(() =>
            SentimentModelSetup.Load("/", new TriageOptions { SentimentModel = path }, NullLogger.Instance));

        Assert.StartsWith("CmBot:Triage:SentimentModel:", error.Message, StringComparison.Ordinal);
        Assert.Contains("m.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(2)]
    public void Setup_WeightOutOfRange_ThrowsConfigurationExceptionNamingWeightKey(double weight)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            SentimentModelSetup.Load("/", new TriageOptions { SentimentModel = model.ModelPath, SentimentModelWeight = weight }, NullLogger.Instance));

        Assert.StartsWith("CmBot:Triage:SentimentModelWeight:", error.Message, StringComparison.Ordinal);
    }
}
