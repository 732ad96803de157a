using CmBot.Bot.Hosting;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Triage;
using CmBot.Bot.Triage.Grading;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;

namespace CmBot.Bot.Tests.Triage;

/// <summary>
/// The whole shipped triage (lexicons, risk.yaml, severity.yaml) on idioms, negation and mixed French/English posts,
/// with no language tag: the dominant language is detected and the tone still comes out right.
/// </summary>
public sealed class ShippedTriageLanguageTests
{
    private static readonly Triager Triager = Create();

    private static Triager Create()
    {
        var bot = Path.Combine(SampleFeed.RepoRoot(), "Bot");
        var scorer = new SentimentScorer(new CmBotOptions().Lexicons.ToDictionary(
            kv => kv.Key, kv => TriageExtensions.LoadLexicon(bot, kv.Key, kv.Value), StringComparer.Ordinal));
        var rules = RiskFile.Load(Path.Combine(bot, "samples", "risk.yaml"));
        var severity = SeverityFile.Load(Path.Combine(bot, "samples", "severity.yaml"));
        return new Triager(scorer, rules.Risks, rules.Topics, severity.Policy, grader: severity.Grader);
    }

    private static TriageResult Assess(string text) =>
        Triager.Assess(new MentionInput("test", "1", "https://example.test/1", "@someone", 100, text, null, DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData("Franchement la nouvelle K2 est top, the design is great et je la recommande à tout le monde", "fr")]
    [InlineData("The new K2 is honestly great and I recommend it, c'est top", "en")]
    [InlineData("Le SAV ne répond jamais, what a joke, je suis dégoûtée", "fr")]
    [InlineData("Customer service never answers my emails and the app is broken, c'est n'importe quoi", "en")]
    public void Assess_MixedLanguagePost_DominantLanguageDetected(string text, string expected) =>
        Assert.Equal(expected, Assess(text).Language);

    [Theory]
    [InlineData("Franchement la nouvelle K2 est top, the design is great et je la recommande à tout le monde")]
    [InlineData("The new K2 is honestly great and I recommend it, c'est top")]
    public void Assess_MixedLanguagePraise_Positive(string text) =>
        Assert.True(Assess(text).Sentiment >= TriagePolicy.PositiveThreshold, $"{text}: {Assess(text).Sentiment}");

    [Theory]
    [InlineData("Le SAV ne répond jamais, what a joke, je suis dégoûtée")]
    [InlineData("Customer service never answers my emails and the app is broken, c'est n'importe quoi")]
    public void Assess_MixedLanguageComplaint_Negative(string text) =>
        Assert.True(Assess(text).IsNegative, $"{text}: {Assess(text).Sentiment}");

    [Theory]
    [InlineData("c'est pas terrible")]
    [InlineData("ça ne marche jamais")]
    [InlineData("je ne suis jamais satisfaite de leur SAV")]
    [InlineData("not good at all")]
    [InlineData("it never works")]
    public void Assess_NegatedPositiveOrNeverWorks_Negative(string text) =>
        Assert.True(Assess(text).IsNegative, $"{text}: {Assess(text).Sentiment}");

    [Theory]
    [InlineData("c'est pas faux")]
    [InlineData("pas mal du tout")]
    [InlineData("je ne suis jamais déçue")]
    [InlineData("not bad")]
    [InlineData("not half bad")]
    [InlineData("never disappointed")]
    [InlineData("belle à tomber par terre")]
    public void Assess_IdiomOrNegatedNegative_NotNegative(string text) =>
        Assert.False(Assess(text).IsNegative, $"{text}: {Assess(text).Sentiment}");

    [Theory]
    [InlineData("Très déçue du SAV, c'est honteux", "tres decue du sav, c'est honteux")]
    [InlineData("La sécurité de ce produit est zéro, il est dangereux", "LA SECURITE DE CE PRODUIT EST ZERO, il est dangereux")]
    [InlineData("Génial, livraison rapide et très sympa", "genial, livraison rapide et tres sympa")]
    public void Assess_WithoutAccents_SameToneAndLanguage(string accented, string plain)
    {
        var a = Assess(accented);
        var b = Assess(plain);

        Assert.Equal(a.Language, b.Language);
        Assert.Equal(Math.Sign(a.Sentiment), Math.Sign(b.Sentiment));
        Assert.NotEqual(0, Math.Sign(a.Sentiment));
    }

    [Theory]
    [InlineData("Ma K2 est enfin arrivée 😍", true)]
    [InlineData("My K2 finally arrived 😍", true)]
    [InlineData("Livraison encore en retard 😡", false)]
    [InlineData("Delivery is late again 😡", false)]
    public void Assess_EmojiInFrenchAndEnglish_GiveTheTone(string text, bool positive)
    {
        var sentiment = Assess(text).Sentiment;

        Assert.True(positive ? sentiment >= TriagePolicy.PositiveThreshold : sentiment <= TriagePolicy.NegativeThreshold, $"{text}: {sentiment}");
    }

    [Theory]
    [InlineData("Fuite massive de données chez Lumio, mes infos bancaires sont dans la nature", "P2: Privacy / data leak ('fuite', 'données')")]
    [InlineData("My customer data was leaked by Lumio and nobody told me", "P2: Privacy / data leak ('data', 'leaked')")]
    public void Assess_ProximityRisk_ExplainedWithTheWordsThatMatched(string text, string expectedStart)
    {
        var result = Assess(text);

        Assert.StartsWith(expectedStart, result.Reason, StringComparison.Ordinal);
    }
}
