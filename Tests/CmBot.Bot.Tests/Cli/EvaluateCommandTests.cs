using System.Text.Json;
using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Cli;

/// <summary>`evaluate` runs the host's own triage over a labelled file and prints the figures.</summary>
public sealed class EvaluateCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Evaluation", name);

    private static Task<BotProcess.Result> EvaluateAsync(params string[] arguments) =>
        BotProcess.RunUntilExitAsync(new Dictionary<string, string>(), TimeSpan.FromSeconds(90), ["evaluate", .. arguments], TestContext.Current.CancellationToken);

    [Fact]
    public async Task Evaluate_SentimentCsvJson_PrintsAllKeys()
    {
        var result = await EvaluateAsync("--data", Fixture("sentiment.csv"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("count").GetInt32());
        Assert.InRange(root.GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("macro_f1").GetDouble(), 0, 1);
        var negative = root.GetProperty("negative");
        Assert.Equal(3, negative.GetProperty("support").GetInt32());

        // These invented texts are plain: the shipped lexicons find all three negatives.
        Assert.Equal(1.0, negative.GetProperty("recall").GetDouble());
        Assert.True(negative.TryGetProperty("precision", out _));
        Assert.True(negative.TryGetProperty("f1", out _));
    }

    [Fact]
    public async Task Evaluate_ComplaintJsonl_ReportsComplaintFigures()
    {
        var result = await EvaluateAsync("--data", Fixture("complaints.jsonl"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var complaint = json.RootElement.GetProperty("complaint");
        Assert.Equal(2, complaint.GetProperty("support").GetInt32());
        Assert.Equal(1.0, complaint.GetProperty("f1").GetDouble());
        Assert.Equal(4, json.RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Evaluate_Table_ShowsAccuracyAndAlertClass()
    {
        var result = await EvaluateAsync("--data", Fixture("sentiment.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("accuracy", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("macro-F1", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("negative", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("<- alert", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_Predictions_OneRowPerTextInFileOrder()
    {
        var output = Path.Combine(Path.GetTempPath(), $"cmbot-predictions-{Guid.NewGuid():N}.csv");
        try
        {
            var result = await EvaluateAsync("--data", Fixture("sentiment.csv"), "--json", "--predictions", output);

            Assert.Equal(0, result.ExitCode);
            var lines = await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
            Assert.Equal("line,gold,predicted,sentiment", lines[0]);
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(6, rows.Count);
            Assert.Equal(["2", "3", "4", "5", "6", "7"], rows.Select(r => r[0]));
            Assert.Equal(["positive", "negative", "neutral", "negative", "positive", "negative"], rows.Select(r => r[1]));

            // The figures printed are those of the rows written.
            using var json = JsonDocument.Parse(result.StandardOutput);
            var negatives = rows.Count(r => r[2] == "negative");
            var hits = rows.Count(r => r[2] == "negative" && r[1] == "negative");
            Assert.Equal((double)hits / negatives, json.RootElement.GetProperty("negative").GetProperty("precision").GetDouble(), 3);
            Assert.All(rows, r => Assert.InRange(double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture), -1, 1));
            Assert.All(rows.Where(r => r[2] == "negative"), r => Assert.True(double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture) <= -0.05));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Evaluate_UnknownLabel_ExitsTwoWithFileLineAndLabel()
    {
        var result = await EvaluateAsync("--data", Fixture("bad-label.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad-label.csv:2", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("angry", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MissingFile_ExitsTwo()
    {
        var result = await EvaluateAsync("--data", Fixture("nope.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.csv", result.StandardError, StringComparison.Ordinal);
    }
}
