using CmBot.Core.Text;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

/// <summary>
/// The triager skips the risk rules and topics when no token can start one of their phrases (RiskPrefilter); its hits
/// must still be exactly those of running every rule with <see cref="RiskRule.MatchSpans"/> and <see cref="RiskRule.Quote"/>.
/// </summary>
public sealed class TriagerRiskMatchingTests
{
    private static readonly IReadOnlyList<RiskRule> Rules =
    [
        new RiskRule("safety", "Safety", critical: true, ["brul*", "brule", "fire", "fire hazard", "recall"]),
        new RiskRule("privacy", "Privacy", critical: true, ["fuite de donnees", "data NEAR/3 leak*"]),
        new RiskRule("legal", "Legal", critical: true, ["porter plainte", "plainte*", "lawyer*"]),
        new RiskRule("media", "Media", critical: false, ["journalist*", "fire"]),
    ];

    private static readonly Triager Triager = new(TestTriage.Sentiment, Rules, TestTriage.Topics, new TriagePolicy());

    [Theory]
    [InlineData("Ma bouilloire a BRÛLÉ la table, je vais porter plainte")]
    [InlineData("Fuite de données chez Lumio ? Ma plainte est déposée")]
    [InlineData("FIRE hazard: a journalist called, recall now!")]
    [InlineData("they leaked my personal data yesterday")]
    [InlineData("my personal data was leaked, my lawyers know")]
    [InlineData("Nothing risky here, just a nice day")]
    [InlineData("")]
    public void Assess_AnyText_RisksEqualRuleByRuleMatching(string text)
    {
        var words = TextFolding.Words(text);
        var tokens = TextFolding.Tokenize(text);
        var expected = Rules
            .Select(rule => (rule, spans: rule.MatchSpans(tokens)))
            .Where(r => r.spans.Count > 0)
            .Select(r => $"{r.rule.Category}:{string.Join("|", RiskRule.Quote(words, r.spans))}")
            .ToList();

        var actual = Triager.Assess(TestTriage.Mention(text, language: "en")).Risks
            .Select(h => $"{h.Category}:{string.Join("|", h.Words)}")
            .ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Assess_ProximityWithOtherSideFirst_StillFound()
    {
        var risks = Triager.Assess(TestTriage.Mention("they leaked my personal data yesterday", language: "en")).Risks;

        Assert.Equal(["privacy"], risks.Select(r => r.Category));
    }

    [Fact]
    public void Assess_NoPhraseStart_NoRiskNoTopic()
    {
        var result = Triager.Assess(TestTriage.Mention("Lovely weather, great coffee", language: "en"));

        Assert.Empty(result.Risks);
        Assert.Null(result.TopicKey);
    }

    [Fact]
    public void Assess_TopicWord_TopicFound() =>
        Assert.Equal("kettle-k2", Triager.Assess(TestTriage.Mention("My new kettle is lovely", language: "en")).TopicKey);
}
