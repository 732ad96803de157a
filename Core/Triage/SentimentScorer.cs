namespace CmBot.Core.Triage;

/// <summary>
/// Lexicon sentiment with the three rules that matter most on social posts: negation flips and damps
/// ("pas terrible", "not bad"), intensifiers amplify ("très", "really"), and after a contrast word
/// ("mais", "but") the second clause weighs more than the first.
/// </summary>
public sealed class SentimentScorer
{
    private const int NegationReach = 3;

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "t", "nothing", "without", "nor", "cannot", "dont", "didnt", "doesnt", "isnt", "wasnt",
        "pas", "jamais", "aucun", "aucune", "rien", "sans", "ni", "guere",
    };

    private static readonly HashSet<string> Intensifiers = new(StringComparer.Ordinal)
    {
        "very", "really", "so", "extremely", "totally", "absolutely", "super", "too",
        "tres", "vraiment", "trop", "hyper", "grave", "vachement", "totalement", "completement", "tellement", "archi",
    };

    private static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal) { "but", "however", "mais", "pourtant", "cependant" };

    private readonly IReadOnlyDictionary<string, SentimentLexicon> _lexicons;

    public SentimentScorer(IReadOnlyDictionary<string, SentimentLexicon> lexiconsByLanguage)
    {
        _lexicons = lexiconsByLanguage ?? throw new ArgumentNullException(nameof(lexiconsByLanguage));
    }

    /// <summary>Returns a score in [-1, 1]; 0 when nothing in the text carries valence.</summary>
    public double Score(IReadOnlyList<string> foldedTokens, string language)
    {
        ArgumentNullException.ThrowIfNull(foldedTokens);
        if (!_lexicons.TryGetValue(language, out var lexicon) && !_lexicons.TryGetValue("en", out lexicon))
        {
            return 0;
        }

        var total = 0.0;
        var clauseWeight = 1.0;
        for (var i = 0; i < foldedTokens.Count; i++)
        {
            if (Contrasts.Contains(foldedTokens[i]))
            {
                total *= 0.5;
                clauseWeight = 1.5;
                continue;
            }

            if (!TryMatch(lexicon, foldedTokens, i, out var valence, out var length))
            {
                continue;
            }

            for (var back = 1; back <= NegationReach && i - back >= 0; back++)
            {
                var previous = foldedTokens[i - back];
                if (Negations.Contains(previous))
                {
                    valence *= -0.6;
                    break;
                }

                if (back == 1 && Intensifiers.Contains(previous))
                {
                    valence *= 1.4;
                }
            }

            total += valence * clauseWeight;
            i += length - 1;
        }

        // Same squashing as VADER: large sums approach +/-1 without ever reaching it.
        return total / Math.Sqrt((total * total) + 15);
    }

    private static bool TryMatch(SentimentLexicon lexicon, IReadOnlyList<string> tokens, int start, out double valence, out int length)
    {
        for (length = Math.Min(lexicon.LongestTerm, tokens.Count - start); length > 1; length--)
        {
            if (lexicon.TryGet(string.Join(' ', tokens.Skip(start).Take(length)), out valence))
            {
                return true;
            }
        }

        length = 1;
        return lexicon.TryGet(tokens[start], out valence);
    }
}
