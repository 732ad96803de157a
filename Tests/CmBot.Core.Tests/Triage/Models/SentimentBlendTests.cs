using CmBot.Core.Triage;
using CmBot.Core.Triage.Models;

namespace CmBot.Core.Tests.Triage.Models;

/// <summary>The optional model's blend with the lexicon score, and what the triager says when the model contributed.</summary>
public sealed class SentimentBlendTests
{
    /// <summary>A model that answers the same probabilities for every text, and counts its calls.</summary>
    private sealed class FixedModel(double negative, double positive, params string[] languages) : ISentimentModel
    {
        public int Calls { get; private set; }

        public bool Covers(string language) => languages.Length == 0 || languages.Contains(language);

        public SentimentProbabilities Predict(string text, string language)
        {
            Calls++;
            return new SentimentProbabilities(negative, positive);
        }
    }

    [Theory]
    [InlineData(0.0, -0.2)]
    [InlineData(0.5, -0.5)]
    [InlineData(1.0, -0.8)]
    public void Apply_Weight_MixesLexiconAndModelScore(double weight, double expected)
    {
        // Model score = P(positive) - P(negative) = 0.1 - 0.9 = -0.8; lexicon -0.2.
        var blend = new SentimentBlend(new FixedModel(0.9, 0.1), weight);

        var (sentiment, _) = blend.Apply(-0.2, "text", "en");

        Assert.Equal(expected, sentiment, 6);
    }

    [Fact]
    public void Apply_LanguageTheModelDoesNotCover_KeepsLexiconAndSkipsModel()
    {
        var model = new FixedModel(0.9, 0.1, "en");
        var blend = new SentimentBlend(model, 0.7);

        var (sentiment, modelScore) = blend.Apply(0.4, "c'est super", "fr");

        Assert.Equal(0.4, sentiment);
        Assert.Null(modelScore);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public void Apply_WeightZero_DoesNotCallModel()
    {
        var model = new FixedModel(0.9, 0.1);

        var (sentiment, modelScore) = new SentimentBlend(model, 0).Apply(0.3, "text", "en");

        Assert.Equal(0.3, sentiment);
        Assert.Null(modelScore);
        Assert.Equal(0, model.Calls);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Constructor_WeightOutsideZeroOne_Throws(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SentimentBlend(new FixedModel(0.5, 0.5), weight));

    [Fact]
    public void Probabilities_Score_IsPositiveMinusNegative()
    {
        Assert.Equal(-0.6, new SentimentProbabilities(0.7, 0.1).Score, 6);
        Assert.Equal(0.0, new SentimentProbabilities(0.2, 0.2).Score, 6);
    }

    [Fact]
    public void Assess_WithModel_ReasonNamesModelAndLexiconScores()
    {
        // "meh, waiting again" carries no valence in the test lexicon; the model reads it as negative.
        var triager = new Triager(TestTriage.Sentiment, TestTriage.Risks, TestTriage.Topics, new TriagePolicy(), blend: new SentimentBlend(new FixedModel(0.95, 0.0), 1));

        var result = triager.Assess(TestTriage.Mention("meh, waiting again", language: "en"));

        Assert.Equal(-0.95, result.Sentiment, 6);
        Assert.True(result.IsNegative);
        Assert.EndsWith("+ sentiment model -0.95 (lexicon 0.00)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_WithoutModel_ReasonHasNoModelPart()
    {
        var result = TestTriage.Create().Assess(TestTriage.Mention("meh, waiting again", language: "en"));

        Assert.Equal(0, result.Sentiment);
        Assert.DoesNotContain("sentiment model", result.Reason, StringComparison.Ordinal);
    }
}
