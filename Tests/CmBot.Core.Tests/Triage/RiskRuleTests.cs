using CmBot.Core.Text;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

public sealed class RiskRuleTests
{
    private static readonly RiskRule Safety = new("safety", "Safety", critical: true, ["recall", "brul*", "porter plainte"]);

    [Fact]
    public void Match_AccentedPrefix_FoundWithOriginalWord()
    {
        var words = Safety.Match(TextFolding.Tokenize("Ma bouilloire a BRÛLÉ la table"));

        Assert.Equal(["brule"], words);
    }

    [Fact]
    public void Match_InsideAnExceptPhrase_NotCounted_ElsewhereStillCounts()
    {
        var safety = new RiskRule("safety", "Safety", critical: true, ["fire", "burn*"], except: ["fire tv", "kindle fire"]);

        Assert.Empty(safety.Match(TextFolding.Tokenize("My Fire TV stick lost the wifi again")));
        Assert.Empty(safety.Match(TextFolding.Tokenize("the kindle fire screen is dim")));
        Assert.Equal(["fire"], safety.Match(TextFolding.Tokenize("my fire tv charger caught fire")));
        Assert.Equal(["burned"], safety.Match(TextFolding.Tokenize("Fire TV remote burned my hand")));
    }

    [Fact]
    public void Match_WordInsideAnotherWord_NotMatched() =>
        Assert.Empty(Safety.Match(TextFolding.Tokenize("I recalled the meeting")));

    [Fact]
    public void Match_Phrase_MatchesConsecutiveWords() =>
        Assert.Equal(["porter plainte"], Safety.Match(TextFolding.Tokenize("Je vais porter plainte demain")));

    [Fact]
    public void Match_PhraseWordsApart_NotMatched() =>
        Assert.Empty(Safety.Match(TextFolding.Tokenize("porter une plainte")));

    [Fact]
    public void Constructor_NoPhrases_ThrowsNamingCategory()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RiskRule("legal", "Legal", critical: true, []));

        Assert.Contains("legal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_Spans_ReturnsOriginalWordsLowerCased()
    {
        var words = TextFolding.Words("Elle a BRÛLÉ");

        var quoted = RiskRule.Quote(words, Safety.MatchSpans(words.Select(TextFolding.Fold).ToList()));

        Assert.Equal(["brûlé"], quoted);
    }

    private static readonly RiskRule Privacy = new("privacy", "Privacy", critical: true, ["data NEAR/3 leak*", "fuite NEAR/2 donnees", "mise en NEAR/1 demeure"]);

    [Theory]
    [InlineData("Our customer data has apparently been leaked", new[] { "data", "leaked" })]
    [InlineData("Leaked: the full customer data", new[] { "leaked", "data" })]
    [InlineData("Une fuite massive de données chez Lumio", new[] { "fuite", "données" })]
    [InlineData("Des DONNÉES ? Une FUITE !", new[] { "données", "fuite" })]
    public void Match_NearPhrase_BothSidesWithinDistanceEitherOrder(string text, string[] expected)
    {
        var words = TextFolding.Words(text);

        var quoted = RiskRule.Quote(words, Privacy.MatchSpans(words.Select(TextFolding.Fold).ToList()));

        Assert.Equal(expected, quoted);
    }

    [Theory]
    [InlineData("The data in this report, which I checked twice, leaked")]
    [InlineData("Une fuite dans la cuisine, et mes données de santé sont dans l'appli")]
    [InlineData("The datasheet leaked")]
    [InlineData("Database leaked")]
    public void Match_NearPhrase_TooFarOrNotWholeWords_NotMatched(string text) =>
        Assert.Empty(Privacy.Match(TextFolding.Tokenize(text)));

    [Fact]
    public void Match_NearPhraseWithMultiWordSide_QuotesEachSide()
    {
        Assert.Equal(["mise en", "demeure"], Privacy.Match(TextFolding.Tokenize("une mise en due demeure")));
        Assert.Empty(Privacy.Match(TextFolding.Tokenize("une mise en bonne et due demeure")));
    }

    [Fact]
    public void Match_SpanInsideALongerOne_QuotedOnce()
    {
        var rule = new RiskRule("privacy", "Privacy", critical: true, ["fuite", "fuite NEAR/3 donnees", "fuite de donnees", "cnil"]);

        Assert.Equal(["fuite de données", "cnil"], RiskRule.Quote(TextFolding.Words("Fuite de données, la CNIL saisie"), rule.MatchSpans(TextFolding.Tokenize("Fuite de données, la CNIL saisie"))));
    }

    [Fact]
    public void Match_PhrasesWithExactAndPrefixFirstWords_AllFoundInTextOrder() =>
        Assert.Equal(
            ["rappel", "brulure", "porter plainte"],
            new RiskRule("x", "X", critical: true, ["porter plainte", "brul*", "rappel"]).Match(TextFolding.Tokenize("Rappel : une brûlure, je vais porter plainte")));

    [Fact]
    public void Match_PlainWordNear_IsAnOrdinaryWord() =>
        Assert.Equal(["near miss"], new RiskRule("safety", "Safety", critical: true, ["near miss"]).Match(TextFolding.Tokenize("That was a near miss")));

    [Theory]
    [InlineData("data NEAR/0 leak", "NEAR/n needs n from 1 to 10")]
    [InlineData("data NEAR/11 leak", "NEAR/n needs n from 1 to 10")]
    [InlineData("data NEAR/x leak", "NEAR/n needs n from 1 to 10")]
    [InlineData("NEAR/2 leak", "needs words on both sides")]
    [InlineData("data NEAR/2", "needs words on both sides")]
    [InlineData("data NEAR/2 leak NEAR/2 app", "more than one NEAR")]
    [InlineData("data NEAR/2 *", "empty phrase")]
    public void Constructor_MalformedNearPhrase_ThrowsNamingCategoryAndPhrase(string phrase, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RiskRule("privacy", "Privacy", critical: true, [phrase]));

        Assert.Contains("'privacy'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(phrase, ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
