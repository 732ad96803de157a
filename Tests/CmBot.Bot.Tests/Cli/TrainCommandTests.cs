using System.Text.Json;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Triage.Models;

namespace CmBot.Bot.Tests.Cli;

/// <summary>
/// `train` learns the optional sentiment model from a labelled file; `evaluate --model` scores with it. That the same
/// seed gives the same model is checked in-process (SentimentModelTests), faster than two training runs here.
/// </summary>
public sealed class TrainCommandTests(TrainedModel trained) : IClassFixture<TrainedModel>
{
    private static string Fixture(string folder, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name);

    private static string Tweets => Fixture("SentimentModel", "en-tweets-300.csv");

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "cmbot-tests", Guid.NewGuid().ToString("N"));

    private static Task<BotProcess.Result> RunAsync(params string[] arguments) =>
        BotProcess.RunUntilExitAsync(new Dictionary<string, string>(), TimeSpan.FromSeconds(90), arguments, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Train_Fixture_WritesModelAndCardAndPrintsHeldOutTable()
    {
        var output = Path.Combine(NewFolder(), "sentiment.zip");

        var result = await RunAsync("train", "--data", Tweets, "--out", output, "--seed", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("trained on 240 rows, held out 60", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("en-tweets-300.csv (held out): 60 texts", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("macro-F1", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("<- alert", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(new FileInfo(output).Length > 0, "the model zip is written");
        using var card = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(output, ".json"), TestContext.Current.CancellationToken));
        var root = card.RootElement;
        Assert.Equal(["negative", "neutral", "positive"], root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["en"], root.GetProperty("languages").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(240, root.GetProperty("training_rows").GetInt32());
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal(60, root.GetProperty("held_out").GetProperty("count").GetInt32());
        Assert.Equal(20, root.GetProperty("held_out").GetProperty("negative").GetProperty("support").GetInt32());
    }

    [Theory]
    [InlineData("Evaluation", "nope.csv", "nope.csv: file not found")]
    [InlineData("SentimentModel", "single-class.csv", "every row is 'negative'")]
    [InlineData("Evaluation", "bad-label.csv", "bad-label.csv:2")]
    [InlineData("Evaluation", "complaints.jsonl", "not a sentiment label")]
    [InlineData("Evaluation", "sentiment.csv", "at least 10 are needed")]
    public async Task Train_BadInput_ExitsTwoWithReason(string folder, string file, string reason)
    {
        var output = Path.Combine(NewFolder(), "m.zip");

        var result = await RunAsync("train", "--data", Fixture(folder, file), "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "nothing is written on bad input");
    }

    [Fact]
    public async Task Train_LanguageWithNoRows_ExitsTwo()
    {
        var result = await RunAsync("train", "--data", Tweets, "--out", Path.Combine(NewFolder(), "m.zip"), "--lang", "fr");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no usable rows in language 'fr'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_LanguageFilter_TrainsOnThatLanguageAndSaysWhatItSkipped()
    {
        var output = Path.Combine(NewFolder(), "en.zip");

        var result = await RunAsync("train", "--data", Fixture("SentimentModel", "mixed-lang.csv"), "--out", output, "--lang", "en");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("trained on 24 rows, held out 6", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("skipped 5 rows (empty text or not in 'en')", result.StandardOutput, StringComparison.Ordinal);
        using var card = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(output, ".json"), TestContext.Current.CancellationToken));
        Assert.Equal(["en"], card.RootElement.GetProperty("languages").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Train_OutputIsADirectory_ExitsTwoWithReason()
    {
        var folder = NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "taken.zip"));

        var result = await RunAsync("train", "--data", Tweets, "--out", Path.Combine(folder, "taken.zip"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot write", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_WithModel_PrintsFiguresOfTheBlend()
    {
        var result = await RunAsync("evaluate", "--data", Tweets, "--model", trained.ModelPath, "--model-weight", "1", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(300, json.RootElement.GetProperty("count").GetInt32());
        Assert.Contains("Sentiment model", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MissingModel_ExitsTwoNamingKey()
    {
        var result = await RunAsync("evaluate", "--data", Tweets, "--model", "/nonexistent/m.zip");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CmBot:Triage:SentimentModel", result.StandardError, StringComparison.Ordinal);
    }
}
