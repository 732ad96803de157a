using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using CmBot.Core.Text;
using CmBot.Core.Triage.Complaints;
using CmBot.Core.Triage.Grading;
using CmBot.Core.Triage.Models;

namespace CmBot.Core.Triage;

/// <summary>Turns a raw mention into a verdict: language, sentiment, risks, topic and a severity with its reason.</summary>
public sealed class Triager
{
    private readonly SentimentScorer _sentiment;
    private readonly IReadOnlyList<RiskRule> _risks;
    private readonly IReadOnlyList<Topic> _topics;
    private readonly TriagePolicy _policy;
    private readonly ComplaintDetector _complaints;
    private readonly SeverityGrader _grader;
    private readonly SentimentBlend? _blend;
    private readonly RiskPrefilter _riskStarts;
    private readonly RiskPrefilter _topicStarts;

    /// <param name="blend">An optional trained model blended with the lexicon score (null: lexicon only, the default).</param>
    public Triager(SentimentScorer sentiment, IReadOnlyList<RiskRule> risks, IReadOnlyList<Topic> topics, TriagePolicy policy, ComplaintDetector? complaints = null, SeverityGrader? grader = null, SentimentBlend? blend = null)
    {
        _blend = blend;
        _grader = grader ?? SeverityGrader.Default;
        _complaints = complaints ?? ComplaintDetector.Default;
        _sentiment = sentiment ?? throw new ArgumentNullException(nameof(sentiment));
        _risks = risks ?? throw new ArgumentNullException(nameof(risks));
        _topics = topics ?? throw new ArgumentNullException(nameof(topics));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _riskStarts = new RiskPrefilter(risks);
        _topicStarts = new RiskPrefilter(topics.Select(t => t.Matcher));
    }

    public TriagePolicy Policy => _policy;

    /// <summary>The configured severity grade (weights, thresholds, VIP authors), also used to raise a mention on a spike.</summary>
    public SeverityGrader Grader => _grader;

    /// <summary>The trained model blended into sentiment, when one is configured.</summary>
    public SentimentBlend? Blend => _blend;

    public TriageResult Assess(MentionInput mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var words = TextFolding.Words(mention.Text);
        var tokens = new string[words.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = TextFolding.Fold(words[i]);
        }

        var language = mention.Language is "fr" or "en" ? mention.Language : LanguageGuesser.Guess(tokens);
        var sentiment = _sentiment.Score(mention.Text, language);
        double? modelScore = null;
        var lexicon = sentiment;
        if (_blend is not null)
        {
            (sentiment, modelScore) = _blend.Apply(lexicon, mention.Text, language);
        }

        var hits = new List<RiskHit>(0);
        foreach (var rule in _riskStarts.MayMatch(tokens) ? _risks : [])
        {
            var spans = rule.MatchSpans(tokens);
            if (spans.Count > 0)
            {
                hits.Add(new RiskHit(rule.Category, rule.Label, rule.Critical, RiskRule.Quote(words, spans)));
            }
        }

        string? topic = null;
        foreach (var position in _topicStarts.Candidates(tokens))
        {
            if (_topics[position].Matches(tokens))
            {
                topic = _topics[position].Key;
                break;
            }
        }

        var complaint = _complaints.Detect(tokens, words, sentiment);
        var vip = _grader.Vips.Find(mention.Source, mention.Author);
        var (severity, score, reason) = _grader.Grade(sentiment, hits, complaint, mention.AuthorReach, vip);
        if (modelScore is { } model)
        {
            reason = $"{reason} + {SentimentBlend.Describe(model, lexicon)}";
        }

        return new TriageResult(language, sentiment, hits, topic, severity, reason, complaint.IsComplaint, complaint.IsComplaint ? complaint.Cues : [], score);
    }
}
