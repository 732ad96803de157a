using CmBot.Bot.Hosting;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Triage;
using CmBot.Core.Text;
using CmBot.Core.Triage;

namespace CmBot.Bot.Tests.Triage;

/// <summary>
/// The shipped risk rules (Bot/samples/risk.yaml) on French and English posts: every category in both languages,
/// whole words only, accents and case ignored, phrases and proximity, and the words each hit quotes.
/// </summary>
public sealed class ShippedRiskFileTests
{
    private static readonly RiskConfiguration Rules = RiskFile.Load(Path.Combine(SampleFeed.RepoRoot(), "Bot", "samples", "risk.yaml"));

    /// <summary>Category → the words that matched it, as the card quotes them.</summary>
    private static Dictionary<string, string[]> Hits(string text)
    {
        var words = TextFolding.Words(text);
        var tokens = words.Select(TextFolding.Fold).ToList();
        return Rules.Risks
            .Select(r => (r.Category, Words: RiskRule.Quote(words, r.MatchSpans(tokens))))
            .Where(h => h.Words.Count > 0)
            .ToDictionary(h => h.Category, h => h.Words.ToArray(), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("yo my hulu wont let me play anything on fire tv")]
    [InlineData("I haven't heard back about our Counter Notification for our Copyright Strike")]
    [InlineData("At work & #DangerZone came on")]
    [InlineData("If I recall correctly the update was on Monday")]
    public void Match_ShippedExceptions_NoRisk(string text) => Assert.Empty(Hits(text));

    [Fact]
    public void Match_ShippedException_SameWordElsewhereStillCounts() =>
        Assert.Equal(["fire"], Hits("my Fire TV stick caught fire")["safety"]);

    [Fact]
    public void Load_ShippedFile_HasEveryCategoryOfTheIssue() =>
        Assert.Equal(
            ["executive", "fraud", "legal", "media", "outage", "privacy", "safety", "social"],
            Rules.Risks.Select(r => r.Category).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("safety", "Ma bouilloire a pris feu et m'a brûlé la main", "feu|brûlé")]
    [InlineData("safety", "The kettle overheated and burned my hand", "overheated|burned")]
    [InlineData("legal", "Mon avocat prépare une mise en demeure", "avocat|mise en demeure")]
    [InlineData("legal", "See you in court, my lawyer is ready", "see|court|lawyer")]
    [InlineData("privacy", "Fuite massive de données clients, la CNIL est prévenue ?", "fuite|données|cnil")]
    [InlineData("privacy", "Our customer data was leaked online", "data|leaked")]
    [InlineData("media", "Je suis journaliste au Parisien, demande presse sur la K2", "journaliste|demande presse")]
    [InlineData("media", "Reporter here, reaching out for comment on the K2", "reporter|for comment")]
    [InlineData("executive", "Le PDG de Lumio devrait s'excuser", "pdg")]
    [InlineData("executive", "Has the CEO said anything yet?", "ceo")]
    [InlineData("social", "Propos racistes au SAV, et maintenant du harcèlement", "racistes|harcèlement")]
    [InlineData("social", "Sexist ad again. Boycott Lumio", "sexist|boycott")]
    [InlineData("outage", "Le site est inaccessible depuis ce matin", "site|inaccessible")]
    [InlineData("outage", "The app has been down all morning", "app|down")]
    [InlineData("fraud", "Attention arnaque : faux site Lumio", "arnaque|faux site")]
    [InlineData("fraud", "Phishing email pretending to be Lumio, total scam", "phishing|scam")]
    public void Match_EachCategoryInFrenchAndEnglish_QuotesTheWords(string category, string text, string expected)
    {
        var hits = Hits(text);

        Assert.True(hits.ContainsKey(category), $"{text}: {string.Join(", ", hits.Keys)}");
        Assert.Equal(expected.Split('|'), hits[category]);
    }

    [Theory]
    [InlineData("Elle m'a BRULE la main", "Elle m'a brûlé la main", "safety")]
    [InlineData("fuite de donnees", "fuite de données", "privacy")]
    [InlineData("c'est du harcelement", "c'est du harcèlement", "social")]
    [InlineData("le pdg et la DIRECTRICE GENERALE", "le PDG et la directrice générale", "executive")]
    [InlineData("PANNE GENERALE", "panne générale", "outage")]
    public void Match_AccentsAndCase_Ignored(string plain, string accented, string category)
    {
        Assert.Equal(Hits(plain)[category].Length, Hits(accented)[category].Length);
        Assert.Contains(category, Hits(plain).Keys);
    }

    [Theory]
    [InlineData("Firewall settings reset after the update")]
    [InlineData("La procession passe devant le magasin")]
    [InlineData("Incendiary review, but fair")]
    [InlineData("Pirates of the Caribbean marathon tonight")]
    [InlineData("The strikethrough font in the app")]
    [InlineData("Down the road there is a Lumio shop, the app is great")]
    [InlineData("Mes données de santé sont dans l'appli. Une fuite dans la cuisine, rien à voir")]
    [InlineData("Super café ce matin")]
    [InlineData("Lovely coffee this morning")]
    public void Match_WordsInsideOtherWordsOrTooFarApart_NoRisk(string text) =>
        Assert.Empty(Hits(text));

    [Fact]
    public void Load_MalformedProximity_NamesFileCategoryAndPhrase()
    {
        var file = Path.Combine(Path.GetTempPath(), $"risk-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "risks:\n  - category: privacy\n    phrases: [data NEAR/40 leak]\n");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => RiskFile.Load(file)).Message;

            Assert.Contains(file, error, StringComparison.Ordinal);
            Assert.Contains("'privacy': phrase 'data NEAR/40 leak': NEAR/n needs n from 1 to 10", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
