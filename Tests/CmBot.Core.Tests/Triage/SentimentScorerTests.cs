using CmBot.Core.Text;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

public sealed class SentimentScorerTests
{
    // A few AFINN-format lines, written for these tests.
    private const string English = "good\t3\nbad\t-3\ngreat\t3\nterrible\t-3\nno fun\t-3\nlove\t3\n";
    private const string French = "bien\t2\nterrible\t-3\nnul\t-3\nsuper\t3\ngénial\t3\nmauvais\t-3\n";

    private static readonly SentimentScorer Scorer = new(new Dictionary<string, SentimentLexicon>
    {
        ["en"] = SentimentLexicon.ParseAfinn(English),
        ["fr"] = SentimentLexicon.ParseAfinn(French),
    });

    private static double Score(string text, string language) => Scorer.Score(TextFolding.Tokenize(text), language);

    [Fact]
    public void Score_PositiveWord_Positive() => Assert.True(Score("This kettle is great", "en") > 0.3);

    [Fact]
    public void Score_NegativeWord_Negative() => Assert.True(Score("Really bad service", "en") < -0.3);

    [Fact]
    public void Score_NoLexiconWord_Zero() => Assert.Equal(0, Score("The kettle arrived on Tuesday", "en"));

    [Fact]
    public void Score_EnglishNegation_FlipsBad() => Assert.True(Score("not bad at all", "en") > 0);

    [Fact]
    public void Score_FrenchNegation_FlipsGenial() => Assert.True(Score("c'est pas génial", "fr") < 0);

    [Fact]
    public void Score_IntensifierBeforeWord_Stronger() =>
        Assert.True(Score("très mauvais", "fr") < Score("mauvais", "fr"));

    [Fact]
    public void Score_EnglishIntensifierBeforeWord_Stronger() =>
        Assert.True(Score("very bad", "en") < Score("bad", "en"));

    [Fact]
    public void Score_ContrastClause_SecondClauseWins() =>
        Assert.True(Score("Beau design, bien, mais vraiment nul", "fr") < 0);

    [Fact]
    public void Score_MultiWordTerm_Matched() => Assert.True(Score("that was no fun", "en") < 0);

    [Fact]
    public void Score_UnknownLanguage_FallsBackToEnglish() => Assert.True(Score("good", "de") > 0);

    [Fact]
    public void ParseAfinn_DuplicateTerm_KeepsMean()
    {
        var lexicon = SentimentLexicon.ParseAfinn("attention\t2\nattention\t-4\n");

        Assert.True(lexicon.TryGet("attention", out var score));
        Assert.Equal(-1 * SentimentLexicon.AfinnScale, score, 10);
    }

    [Fact]
    public void ParseAfinn_BadLine_ThrowsWithLineNumber()
    {
        var ex = Assert.Throws<FormatException>(() => SentimentLexicon.ParseAfinn("good\t3\nbroken line\n"));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }
}
