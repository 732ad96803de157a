using CmBot.Core.Mentions;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

/// <summary>A small triager with rules written for the tests.</summary>
internal static class TestTriage
{
    public static readonly IReadOnlyList<Topic> Topics = [new Topic("kettle-k2", "Lumio K2 kettle", ["k2", "bouilloire", "kettle"])];

    public static readonly IReadOnlyList<RiskRule> Risks =
    [
        new RiskRule("safety", "Safety / recall", critical: true, ["recall", "rappel", "brul*", "burn*", "surchauff*"]),
        new RiskRule("legal", "Legal threat", critical: true, ["avocat", "lawyer*", "porter plainte"]),
        new RiskRule("media", "Media / journalist", critical: false, ["journalist*", "journaliste*"]),
    ];

    public static readonly SentimentScorer Sentiment = new(new Dictionary<string, SentimentLexicon>
    {
        ["en"] = SentimentLexicon.ParseAfinn("great\t3\nbad\t-3\nlove\t3\nhate\t-3\nscared\t-2\n"),
        ["fr"] = SentimentLexicon.ParseAfinn("super\t3\nnul\t-3\npeur\t-2\ndangereux\t-2\n"),
    });

    public static Triager Create(TriagePolicy? policy = null) => new(Sentiment, Risks, Topics, policy ?? new TriagePolicy());

    public static MentionInput Mention(string text, int reach = 100, string? language = null, string id = "1") =>
        new("test", id, $"https://example.test/{id}", "@someone", reach, text, language, DateTimeOffset.UnixEpoch);
}
