using CmBot.Bot.Hosting;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Triage;
using CmBot.Core.Triage;

namespace CmBot.Bot.Tests.Triage;

/// <summary>
/// The product's default lexicons (CmBot:Lexicons, Bot/samples/lexicons) on French social-media talk: slang,
/// litotes, politeness formulas, hashtags, English slang inside French posts, emoji; and English negation cues.
/// </summary>
public sealed class ShippedLexiconTests
{
    private static readonly SentimentScorer Scorer = new(new CmBotOptions().Lexicons.ToDictionary(
        kv => kv.Key,
        kv => TriageExtensions.LoadLexicon(Path.Combine(SampleFeed.RepoRoot(), "Bot"), kv.Key, kv.Value),
        StringComparer.Ordinal));

    [Theory]
    [InlineData("c'est nul")]
    [InlineData("Franchement c'est de la merde")]
    [InlineData("ptn ça marche pas")]
    [InlineData("Encore en panne, remboursez-moi")]
    [InlineData("quelle arnaque")]
    [InlineData("j'en ai marre de ce service")]
    [InlineData("#raslebol #vdm")]
    [InlineData("mise à jour = epic fail")]
    [InlineData("appli pourrie, ça rame")]
    [InlineData("c'est pas terrible")]
    [InlineData("service client injoignable 🤡")]
    [InlineData("vous vous foutez de nous")]
    [InlineData("bof")]
    public void Score_FrenchNegativeSocialPost_Negative(string text) =>
        Assert.True(Scorer.Score(text, "fr") <= TriagePolicy.NegativeThreshold, $"{text}: {Scorer.Score(text, "fr")}");

    [Theory]
    [InlineData("trop bien ce nouveau modèle")]
    [InlineData("franchement pas mal")]
    [InlineData("c'est pas nul du tout")]
    [InlineData("livré sans souci, nickel")]
    [InlineData("au top 😍")]
    [InlineData("pas de souci, merci !")]
    public void Score_FrenchPositiveSocialPost_Positive(string text) =>
        Assert.True(Scorer.Score(text, "fr") >= TriagePolicy.PositiveThreshold, $"{text}: {Scorer.Score(text, "fr")}");

    [Theory]
    [InlineData("S'il vous plaît")]
    [InlineData("svp")]
    public void Score_FrenchPolitenessFormula_Neutral(string text) => Assert.Equal(0, Scorer.Score(text, "fr"));

    [Theory]
    [InlineData("I can't log in since yesterday")]
    [InlineData("my parcel never came :(")]
    public void Score_EnglishFailureReport_Negative(string text) =>
        Assert.True(Scorer.Score(text, "en") <= TriagePolicy.NegativeThreshold, $"{text}: {Scorer.Score(text, "en")}");

    [Theory]
    [InlineData("his new jacket is bad ass", 1)]
    [InlineData("that phone is the bomb", 1)]
    [InlineData("a camera to die for", 1)]
    [InlineData("yeah right, fast delivery", -1)]
    [InlineData("this update is the kiss of death for the app", -1)]
    public void Score_EnglishIdiom_ScoredAsAWhole(string text, int sign) =>
        Assert.Equal(sign, Math.Sign(Scorer.Score(text, "en")));

    [Theory]
    [InlineData("My Lumio K2 kettle overheated and melted, the handle burned my hand")]
    [InlineData("the battery exploded while charging")]
    [InlineData("the app is glitchy and keeps crashing since the update")]
    [InlineData("the bread was moldy and the milk expired")]
    public void Score_EnglishProductFailure_Negative(string text) =>
        Assert.True(Scorer.Score(text, "en") <= TriagePolicy.NegativeThreshold, $"{text}: {Scorer.Score(text, "en")}");

    [Fact]
    public void Score_EnglishHand_BodyPartCarriesNoValence() =>
        // VADER lists "hand" at +2.2 ("give a hand"); in a product mention it is the body part.
        Assert.Equal(0, Scorer.Score("I'll hand it to the courier tomorrow", "en"));

    [Fact]
    public void Score_EnglishCantStand_ThePhraseNotTheNegationCue() =>
        // VADER and AFINN list "can't stand"; before phrases could start at "can't", only the negation cue scored it.
        Assert.True(Scorer.Score("I can't stand this app", "en") < Scorer.Score("I can't log in", "en") - 0.2);

    [Fact]
    public void Score_EnglishNotBad_Positive() => Assert.True(Scorer.Score("not bad at all", "en") > 0);
}
