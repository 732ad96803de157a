using System.Globalization;
using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using CmBot.Core.Text;
using CmBot.Core.Triage.Complaints;

namespace CmBot.Core.Triage;

/// <summary>Turns a raw mention into a verdict: language, sentiment, risks, topic and a severity with its reason.</summary>
public sealed class Triager
{
    private readonly SentimentScorer _sentiment;
    private readonly IReadOnlyList<RiskRule> _risks;
    private readonly IReadOnlyList<Topic> _topics;
    private readonly TriagePolicy _policy;
    private readonly ComplaintDetector _complaints;

    public Triager(SentimentScorer sentiment, IReadOnlyList<RiskRule> risks, IReadOnlyList<Topic> topics, TriagePolicy policy, ComplaintDetector? complaints = null)
    {
        _complaints = complaints ?? ComplaintDetector.Default;
        _sentiment = sentiment ?? throw new ArgumentNullException(nameof(sentiment));
        _risks = risks ?? throw new ArgumentNullException(nameof(risks));
        _topics = topics ?? throw new ArgumentNullException(nameof(topics));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    public TriagePolicy Policy => _policy;

    public TriageResult Assess(MentionInput mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var words = TextFolding.Words(mention.Text);
        var tokens = words.Select(TextFolding.Fold).ToList();
        var language = mention.Language is "fr" or "en" ? mention.Language : LanguageGuesser.Guess(tokens);
        var sentiment = _sentiment.Score(mention.Text, language);
        var hits = new List<RiskHit>();
        foreach (var rule in _risks)
        {
            var spans = rule.MatchSpans(tokens);
            if (spans.Count > 0)
            {
                hits.Add(new RiskHit(rule.Category, rule.Label, rule.Critical, RiskRule.Quote(words, spans)));
            }
        }

        var topic = _topics.FirstOrDefault(t => t.Matches(tokens))?.Key;
        var complaint = _complaints.Detect(tokens, words, sentiment);
        var (severity, reason) = Grade(sentiment, hits, complaint, mention.AuthorReach);
        return new TriageResult(language, sentiment, hits, topic, severity, reason, complaint.IsComplaint, complaint.IsComplaint ? complaint.Cues : []);
    }

    private (Severity, string) Grade(double sentiment, List<RiskHit> hits, ComplaintVerdict complaint, int reach)
    {
        var parts = new List<string>();
        Severity severity;
        if (hits.Any(h => h.Critical))
        {
            severity = Severity.P2;
        }
        else if (hits.Count > 0 || sentiment <= -0.5 || complaint.IsComplaint)
        {
            severity = Severity.P3;
        }
        else
        {
            severity = Severity.P4;
        }

        parts.AddRange(hits.Select(h => $"{h.Label} ({string.Join(", ", h.Words.Select(w => $"'{w}'"))})"));
        if (hits.Count > 0 && reach >= _policy.HighReach)
        {
            severity = severity == Severity.P1 ? severity : severity - 1;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"reach {reach:N0}"));
        }

        if (complaint.IsComplaint)
        {
            parts.Add($"complaint ({string.Join(", ", complaint.Cues.Take(3).Select(c => $"'{c}'"))})");
        }

        var tone = sentiment switch
        {
            <= -0.5 => "very negative",
            <= TriagePolicy.NegativeThreshold => "negative",
            >= 0.3 => "positive",
            _ => null,
        };
        if (tone is not null || parts.Count == 0)
        {
            parts.Add(tone ?? "neutral");
        }

        return (severity, $"{severity}: {string.Join(" + ", parts)}");
    }
}
