using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

/// <summary>
/// The negation cue, damped negated negatives, elision, contrast, slang phrases and emoji of
/// <see cref="SentimentScorer"/>, in French and English, over small lexicons written for these tests.
/// </summary>
public sealed class FrenchSentimentRulesTests
{
    private const string French = "génial->3.0\nterrible->-2.0\nmourir->-2.9\nnul->-2.0\npas mal->1.5\nsans souci->1.0\nepic fail->-2.5\nbien->1.5\njoli->1.5\nremboursez->-1.5\n";
    private const string English = "good\t3\nbad\t-3\ngreat\t3\n";

    private static readonly SentimentScorer Scorer = new(new Dictionary<string, SentimentLexicon>
    {
        ["fr"] = SentimentLexicon.Parse(French),
        ["en"] = SentimentLexicon.ParseAfinn(English),
    });

    private static double Squash(double sum) => sum / Math.Sqrt((sum * sum) + 15);

    [Theory]
    [InlineData("Ça ne marche pas.")]
    [InlineData("Je n'arrive pas à me connecter")]
    [InlineData("J'y comprends rien")]
    [InlineData("Toujours aucune réponse")]
    [InlineData("On ne nous a jamais rappelés")]
    [InlineData("c'est pas du tout ce que j'ai commandé")]
    public void Score_FrenchNegatedClauseWithoutScoredWord_NegativeCue(string text) =>
        Assert.Equal(Squash(SentimentRules.French.NegationCueValence), Scorer.Score(text, "fr"), 10);

    [Theory]
    [InlineData("I can't log in")]
    [InlineData("The parcel never came")]
    [InlineData("It doesn't work")]
    public void Score_EnglishNegatedClauseWithoutScoredWord_NegativeCue(string text) =>
        Assert.True(Scorer.Score(text, "en") <= TriagePolicy.NegativeThreshold, text);

    [Theory]
    [InlineData("Le colis est arrivé mardi", "fr")]
    [InlineData("The parcel came on Tuesday", "en")]
    public void Score_NoNegationNoScoredWord_Zero(string text, string language) => Assert.Equal(0, Scorer.Score(text, language));

    [Fact]
    public void Score_NegatedScoredWord_NoExtraCue() =>
        Assert.Equal(Squash(3.0 * SentimentRules.DefaultNegationFactor), Scorer.Score("c'est pas génial", "fr"), 10);

    [Fact]
    public void Score_NegationCue_StaysInItsSentence() =>
        Assert.Equal(Squash(SentimentRules.French.NegationCueValence + 3.0), Scorer.Score("Je ne sais pas. Génial", "fr"), 10);

    [Fact]
    public void Score_FrenchNegatedNegative_StaysMildlyNegative()
    {
        var negated = Scorer.Score("c'est pas terrible", "fr");
        Assert.Equal(Squash(-2.0 * SentimentRules.French.NegatedNegativeFactor), negated, 10);
        Assert.True(negated > Scorer.Score("c'est terrible", "fr"));
        Assert.True(Scorer.Score("Je ne veux pas mourir", "fr") < TriagePolicy.NegativeThreshold);
    }

    [Fact]
    public void Score_EnglishNegatedNegative_StillFlips() => Assert.True(Scorer.Score("not bad", "en") > 0);

    [Theory]
    [InlineData("franchement pas mal")]
    [InlineData("livré sans souci")]
    public void Score_FrenchLitotesPhrase_PositiveThoughItStartsWithANegation(string text) => Assert.True(Scorer.Score(text, "fr") > 0, text);

    [Fact]
    public void Score_NegationInsideMatchedPhrase_DoesNotNegateNextWord() =>
        Assert.Equal(Squash(1.0 + 1.5), Scorer.Score("sans souci, bien", "fr"), 10);

    [Theory]
    [InlineData("c pa génial", "c'est pas génial")]
    [InlineData("g r1 compris", "j'ai rien compris")]
    [InlineData("tro génial", "trop génial")]
    [InlineData("vrmt génial", "vraiment génial")]
    public void Score_InformalSpelling_SameAsStandard(string informal, string standard) =>
        Assert.Equal(Scorer.Score(standard, "fr"), Scorer.Score(informal, "fr"), 10);

    [Fact]
    public void Score_ElidedNegation_NegatesWord() =>
        Assert.Equal(Scorer.Score("ce n'est pas génial", "fr"), Scorer.Score("ce n est pas génial", "fr"), 10);

    [Fact]
    public void Score_ContrastThenNegatedClause_Negative() =>
        Assert.True(Scorer.Score("C'est joli mais ça ne marche pas", "fr") < TriagePolicy.NegativeThreshold);

    [Fact]
    public void Score_ContrastPourtant_SecondClauseWeighsMore() =>
        Assert.True(Scorer.Score("c'est joli, pourtant c'est nul", "fr") < 0);

    [Theory]
    [InlineData("joli, par contre le service est nul")]
    [InlineData("joli, en revanche le service est nul")]
    public void Score_TwoWordContrast_WorksLikeMais(string text)
    {
        Assert.Equal(Scorer.Score("joli, mais le service est nul", "fr"), Scorer.Score(text, "fr"), 10);
        Assert.True(Scorer.Score(text, "fr") < 0);
    }

    [Fact]
    public void Score_EnglishSlangPhraseInFrenchLexicon_MatchedInFrenchText() =>
        Assert.True(Scorer.Score("La mise à jour, un epic fail", "fr") < -0.3);

    [Theory]
    [InlineData("Service client 🤡")]
    [InlineData("Toujours rien 🙃")]
    [InlineData("Livraison 😡")]
    [InlineData("still waiting 🤷")]
    public void Score_MockingOrAngryEmoji_Negative(string text) => Assert.True(Scorer.Score(text, "fr") < 0, text);

    [Fact]
    public void Score_HyphenatedImperative_Matched() =>
        Assert.True(Scorer.Score("Remboursez-moi !", "fr") < -0.3);
}
