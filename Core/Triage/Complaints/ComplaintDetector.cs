namespace CmBot.Core.Triage.Complaints;

/// <summary>The verdict of <see cref="ComplaintDetector"/>: the score and the cue words, as written, that made it.</summary>
public sealed record ComplaintVerdict(bool IsComplaint, double Score, IReadOnlyList<string> Cues)
{
    public static readonly ComplaintVerdict None = new(false, 0, []);
}

/// <summary>
/// Tells a complaint (a problem with a product or service, with a remedy expected: "my order never arrived",
/// "ma bouilloire fuit depuis 2 jours, remboursez-moi") from other talk, with two lists of cue phrases in French
/// and English: problem reports (weight 1 each), weak problem cues such as "worst" or "souci" (weight
/// <see cref="WeakWeight"/>) and remedy requests (weight <see cref="RemedyWeight"/>), plus
/// <see cref="NegativeWeight"/> when the tone is negative. A complaint needs at least one problem cue and a score
/// of <see cref="Threshold"/>; the weights and threshold were chosen on a training split (see
/// docs/triage-evaluation.md). The matched cues are the readable reason.
/// </summary>
public sealed class ComplaintDetector
{
    public const double WeakWeight = 0.5;
    public const double RemedyWeight = 0.5;
    public const double NegativeWeight = 0.5;
    public const double Threshold = 1.0;

    private readonly PhraseIndex _problems;
    private readonly PhraseIndex _weak;
    private readonly PhraseIndex _remedies;

    public ComplaintDetector(IEnumerable<string> problemCues, IEnumerable<string> weakProblemCues, IEnumerable<string> remedyCues)
    {
        _weak = new PhraseIndex(weakProblemCues ?? throw new ArgumentNullException(nameof(weakProblemCues)));
        _problems = new PhraseIndex(problemCues ?? throw new ArgumentNullException(nameof(problemCues)));
        _remedies = new PhraseIndex(remedyCues ?? throw new ArgumentNullException(nameof(remedyCues)));
    }

    /// <summary>The built-in French and English cues.</summary>
    public static ComplaintDetector Default { get; } = new([.. ComplaintCues.Problems, .. FailureReports.English, .. FailureReports.French], ComplaintCues.WeakProblems, ComplaintCues.Remedies);

    /// <param name="foldedTokens">Tokens as from TextFolding.Tokenize.</param>
    /// <param name="words">The same tokens as written, to quote the cues back.</param>
    /// <param name="sentiment">The text's sentiment score in [-1, 1].</param>
    public ComplaintVerdict Detect(IReadOnlyList<string> foldedTokens, IReadOnlyList<string> words, double sentiment)
    {
        ArgumentNullException.ThrowIfNull(foldedTokens);
        ArgumentNullException.ThrowIfNull(words);
        var problems = 0;
        var weak = 0;
        var remedies = 0;
        List<string>? cues = null;
        for (var i = 0; i < foldedTokens.Count; i++)
        {
            var length = _problems.MatchAt(foldedTokens, i);
            if (length > 0)
            {
                problems++;
            }
            else if ((length = _weak.MatchAt(foldedTokens, i)) > 0)
            {
                weak++;
            }
            else if ((length = _remedies.MatchAt(foldedTokens, i)) > 0)
            {
                remedies++;
            }
            else
            {
                continue;
            }

            cues ??= [];
            var cue = RiskRule.QuoteSpan(words, i, length);
            if (!cues.Contains(cue))
            {
                cues.Add(cue);
            }

            i += length - 1;
        }

        if (problems + weak == 0)
        {
            return cues is null ? ComplaintVerdict.None : new ComplaintVerdict(false, remedies * RemedyWeight, cues);
        }

        var score = problems + (weak * WeakWeight) + (remedies * RemedyWeight) + (sentiment <= TriagePolicy.NegativeThreshold ? NegativeWeight : 0);
        return new ComplaintVerdict(score >= Threshold, score, cues!);
    }
}
