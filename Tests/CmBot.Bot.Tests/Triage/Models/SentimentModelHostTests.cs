using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Triage.Models;

/// <summary>The host with and without CmBot:Triage:SentimentModel, and the start-up error of a bad model path.</summary>
public sealed class SentimentModelHostTests(TrainedModel model) : IClassFixture<TrainedModel>
{
    // No word of it is in the lexicons with much weight; the tweets the model learned from say "trouble with support" is negative.
    private const string Complaint = "Having trouble with support again, totally out of control.";

    private const string French = "J'adore ce service, merci beaucoup !";

    private static MentionInput Mention(string text, string? language) =>
        new("test", "1", "https://example.test/1", "@someone", 10, text, language, DateTimeOffset.UnixEpoch);

    private static async Task<(TriageResult English, TriageResult French)> AssessAsync(Dictionary<string, string?> settings)
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, TestContext.Current.CancellationToken);
        settings["Feeds:Replay:Enabled"] = "false";
        await using var host = new CmBotHost(store, settings);
        var triager = host.Services.GetRequiredService<Triager>();
        return (triager.Assess(Mention(Complaint, "en")), triager.Assess(Mention(French, null)));
    }

    [Fact]
    public async Task Host_WithModel_NegativeTextScoresMoreNegative_FrenchKeepsLexicon()
    {
        // The two hosts start side by side (each on its own store).
        var runs = await Task.WhenAll(AssessAsync([]), AssessAsync(new() { ["CmBot:Triage:SentimentModel"] = model.ModelPath }));
        var (without, with) = (runs[0], runs[1]);

        Assert.True(with.English.Sentiment < without.English.Sentiment, $"with the model {with.English.Sentiment:0.000}, lexicon alone {without.English.Sentiment:0.000}");
        Assert.True(with.English.IsNegative, $"blended sentiment {with.English.Sentiment:0.000} should be negative");
        Assert.Contains("sentiment model -", with.English.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("sentiment model", without.English.Reason, StringComparison.Ordinal);

        // The model was trained on English rows only (its card says so): French mentions keep the lexicon score.
        Assert.Equal("fr", with.French.Language);
        Assert.Equal(without.French.Sentiment, with.French.Sentiment);
        Assert.DoesNotContain("sentiment model", with.French.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingModel_ExitsTwoNamingKeyAndPath()
    {
        var result = await BotProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["CmBot__Triage__SentimentModel"] = "/nonexistent/sentiment.zip" },
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("CmBot cannot start: CmBot:Triage:SentimentModel: '/nonexistent/sentiment.zip' does not exist", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_ModelNotAZip_ExitsTwoNamingKey()
    {
        var path = Path.Combine(model.Folder, "broken.zip");
        await File.WriteAllTextAsync(path, "not a model", TestContext.Current.CancellationToken);

        var result = await BotProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["CmBot__Triage__SentimentModel"] = path },
            TimeSpan.FromSeconds(60),
            ["check-config"],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CmBot:Triage:SentimentModel", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("broken.zip", result.StandardError, StringComparison.Ordinal);
    }
}
