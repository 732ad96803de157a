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
}
