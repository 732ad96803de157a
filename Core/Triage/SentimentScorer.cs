namespace CmBot.Core.Triage;

/// <summary>
/// Lexicon sentiment in the manner of VADER (Hutto &amp; Gilbert 2014), for French and English: each word,
/// emoticon or emoji found in the language's lexicon adds its valence; a negation in the three words before it
/// (or, in French, right after it: "j'aime pas") flips and damps it; boosters ("very", "très") and capitals
/// ("GREAT", "SO good", unless the whole text is in capitals) strengthen it, dampeners ("kind of", "un peu") weaken
/// it, an elongated word ("sooo") counts as
/// emphasised; after a contrast word ("but", "mais") the clause before weighs half and the one after 1.5 times;
/// '!' add emphasis, and in English so do two or more '?'. One-letter articles and contraction ends take no
/// place in the three-word window of a negation (<see cref="SentimentRules.WindowFillers"/>); "never so good" is
/// no negation; a one-letter token never carries a valence. A clause that holds a negation but no scored word ("ça ne marche pas", "I can't log in")
/// adds the language's <see cref="SentimentRules.NegationCueValence"/>; a negated negative word keeps the
/// language's <see cref="SentimentRules.NegatedNegativeFactor"/> of its valence (French: "pas terrible" stays
/// negative). The sum is squashed into [-1, 1]. Tokenises without allocating (see SentimentTokens).
/// </summary>
public sealed class SentimentScorer
{
    private const int NegationReach = 3;
    private const double NegationFactor = SentimentRules.DefaultNegationFactor;
    private const double Booster = 0.293;
    private const double CapsBoost = 0.733;
    private const double ExclamationBoost = 0.292;
    private const int MaxExclamations = 4;
    private const double QuestionBoost = 0.18;
    private const int MaxCountedQuestions = 3;
    private const double MaxQuestionBoost = 0.96;
    private const double Alpha = 15;

    private readonly IReadOnlyDictionary<string, SentimentLexicon> _lexicons;

    public SentimentScorer(IReadOnlyDictionary<string, SentimentLexicon> lexiconsByLanguage)
    {
        _lexicons = lexiconsByLanguage ?? throw new ArgumentNullException(nameof(lexiconsByLanguage));
    }

    /// <summary>Scores folded tokens (as from TextFolding.Tokenize) joined by spaces; emphasis is lost.</summary>
    public double Score(IReadOnlyList<string> foldedTokens, string language)
    {
        ArgumentNullException.ThrowIfNull(foldedTokens);
        return Score(string.Join(' ', foldedTokens).AsSpan(), language);
    }

    /// <summary>Returns a score in [-1, 1]; 0 when nothing in the text carries valence.</summary>
    public double Score(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Score(text.AsSpan(), language);
    }

    /// <inheritdoc cref="Score(string, string)"/>
    public double Score(ReadOnlySpan<char> text, string language)
    {
        if (!_lexicons.TryGetValue(language, out var lexicon) && !_lexicons.TryGetValue("en", out lexicon))
        {
            return 0;
        }

        var rules = SentimentRules.For(_lexicons.ContainsKey(language) ? language : "en");
        var tokens = new SentimentTokens(text, lexicon);
        try
        {
            return Sum(ref tokens, lexicon, rules);
        }
        finally
        {
            tokens.Dispose();
        }
    }

    private static double Sum(ref SentimentTokens tokens, SentimentLexicon lexicon, SentimentRules rules)
    {
        var total = 0.0;
        var clauseWeight = 1.0;
        var clauseNegated = false;
        var clauseScored = false;
        var consumed = 0;
        var cue = rules.NegationCueValence;
        Span<char> collapsed = stackalloc char[64];
        for (var i = 0; i < tokens.Count; i++)
        {
            ref var token = ref tokens[i];
            if (token.ClauseStart)
            {
                total += clauseNegated && !clauseScored ? cue * clauseWeight : 0;
                clauseNegated = clauseScored = false;
            }

            if (token.Kind == SentimentTokenKind.Symbol)
            {
                total += token.Valence * clauseWeight;
                continue;
            }

            var word = tokens.Word(i);
            clauseNegated |= rules.NegationLookup.Contains(word) && (word is not "t" || IsContractionHead(ref tokens, i - 1));
            var contrastLength = rules.ContrastLookup.Contains(word) ? 1
                : rules.HasTwoWordContrasts && i + 1 < tokens.Count && rules.ContrastFirstWords.Contains(word)
                    && rules.ContrastLookup.Contains(tokens.Words(i, 2)) ? 2 : 0;
            if (contrastLength > 0)
            {
                i += contrastLength - 1;
                total += clauseNegated && !clauseScored ? cue * clauseWeight : 0;
                clauseNegated = clauseScored = false;
                total *= 0.5;
                clauseWeight = 1.5;
                continue;
            }

            // "won't", "can't" are split into "won"/"can" and "t": the head is no word of its own ("won" is positive in VADER).
            // A phrase may still start with one ("can't wait").
            if (!TryMatch(ref tokens, lexicon, i, collapsed, IsContractionHead(ref tokens, i), out var valence, out var length))
            {
                continue;
            }

            var isNegationWord = rules.NegationLookup.Contains(word);

            // A booster before a scored word only boosts it ("super cher"); alone it keeps its own valence ("c'est super").
            // A negation word's own valence is dropped when mild ("no" is in VADER's lexicon).
            if (length == 1 && ((rules.BoosterLookup.Contains(word) && NextIsScored(ref tokens, lexicon, i))
                || (isNegationWord && word.Length > 2 && valence > -1.5)))
            {
                continue;
            }

            valence = Emphasise(ref tokens, i, length, valence, tokens.ShoutedText);
            // A negation word with a valence of its own ("no", "never") is not flipped by another negation: "NO NO NO".
            valence = isNegationWord ? valence : ApplyModifiers(ref tokens, rules, i, length, valence, consumed);
            total += valence * clauseWeight;
            clauseScored = true;
            i += length - 1;

            // The words of a matched phrase ("pas de souci", "sans souci") modify nothing after it.
            consumed = length > 1 ? i + 1 : consumed;
        }

        total += clauseNegated && !clauseScored ? cue * clauseWeight : 0;

        if (total != 0)
        {
            total += Math.Sign(total) * Math.Min(tokens.Exclamations, MaxExclamations) * ExclamationBoost;
            if (rules.QuestionEmphasis && tokens.Questions > 1)
            {
                total += Math.Sign(total) * (tokens.Questions <= MaxCountedQuestions ? tokens.Questions * QuestionBoost : MaxQuestionBoost);
            }
        }

        return total / Math.Sqrt((total * total) + Alpha);
    }

    /// <summary>The token is "don", "won", "isn"... followed by the "t" of a split "n't".</summary>
    private static bool IsContractionHead(ref SentimentTokens tokens, int i)
    {
        if (i < 0 || i + 1 >= tokens.Count || tokens[i].Kind != SentimentTokenKind.Word || tokens[i + 1].Kind != SentimentTokenKind.Word)
        {
            return false;
        }

        var word = tokens.Word(i);
        return word.Length >= 2 && word[^1] == 'n' && tokens.Word(i + 1) is "t";
    }

    private static bool NextIsScored(ref SentimentTokens tokens, SentimentLexicon lexicon, int i) =>
        i + 1 < tokens.Count && tokens[i + 1].Kind == SentimentTokenKind.Word && lexicon.WordLookup.ContainsKey(tokens.Word(i + 1));

    private static double Emphasise(ref SentimentTokens tokens, int i, int length, double valence, bool shouted)
    {
        ref var token = ref tokens[i];
        if (token.AllCaps && !shouted)
        {
            valence += Math.Sign(valence) * CapsBoost;
        }

        if (token.Elongated && length == 1)
        {
            valence += Math.Sign(valence) * Booster;
        }

        return valence;
    }

    private static double ApplyModifiers(ref SentimentTokens tokens, SentimentRules rules, int i, int length, double valence, int consumed)
    {
        var negated = false;
        for (int k = i - 1, back = 1; back <= NegationReach && k >= consumed; k--)
        {
            ref var previous = ref tokens[k];
            if (previous.Kind != SentimentTokenKind.Word || tokens[k + 1].ClauseStart)
            {
                break;
            }

            var word = tokens.Word(k);
            if (rules.ContrastLookup.Contains(word))
            {
                break;
            }

            var isNegation = rules.NegationLookup.Contains(word) && (word is not "t" || IsContractionHead(ref tokens, k - 1));
            if (isNegation && rules == SentimentRules.English && IsNeverSoConstruction(ref tokens, i, k, back, word, ref valence))
            {
                break;
            }

            if (isNegation)
            {
                negated = true;
                break;
            }

            var distance = back == 1 ? 1.0 : back == 2 ? 0.95 : 0.9;
            if (rules.BoosterLookup.Contains(word))
            {
                valence += Math.Sign(valence) * (Booster + (previous.AllCaps && !tokens.ShoutedText ? CapsBoost : 0)) * distance;
            }
            else if (rules.DampenerLookup.Contains(word))
            {
                valence -= Math.Sign(valence) * Booster * distance;
            }

            back += rules.FillerLookup.Contains(word) ? 0 : 1;
        }

        // Colloquial French drops "ne": "j'aime pas", "c'est bien pas" - the negation follows the word.
        var after = i + length;
        if (!negated && rules.PostposedNegations.Count > 0 && after < tokens.Count && tokens[after].Kind == SentimentTokenKind.Word
            && rules.PostposedLookup.Contains(tokens.Word(after)))
        {
            negated = true;
        }

        return negated ? valence * (valence < 0 ? rules.NegatedNegativeFactor : NegationFactor) : valence;
    }

    /// <summary>
    /// "I have never slept so well", "haven't been this sore in a while": a negation followed by "so"/"this" right
    /// before the word compares with the past and does not flip it; as in VADER, the word is strengthened instead
    /// (×1.5 for "never so good", ×1.25 when the negation is three words back).
    /// </summary>
    private static bool IsNeverSoConstruction(ref SentimentTokens tokens, int i, int k, int back, ReadOnlySpan<char> negation, ref double valence)
    {
        var before = tokens.Word(i - 1);
        var comparing = before is "so" or "this";
        if (back == 2 && comparing && negation is "never")
        {
            valence *= 1.5;
            return true;
        }

        if (back == 3 && (comparing || (negation is "never" && tokens.Word(k + 1) is "so" or "this")))
        {
            valence *= 1.25;
            return true;
        }

        return false;
    }

    private static bool TryMatch(ref SentimentTokens tokens, SentimentLexicon lexicon, int start, scoped Span<char> scratch, bool phrasesOnly, out double valence, out int length)
    {
        for (length = Math.Min(lexicon.LongestTerm, tokens.Count - start); length > 1; length--)
        {
            var phrase = tokens.Words(start, length);
            if (!phrase.IsEmpty && lexicon.WordLookup.TryGetValue(phrase, out valence))
            {
                return true;
            }
        }

        length = 1;
        if (phrasesOnly)
        {
            valence = 0;
            return false;
        }

        var word = tokens.Word(start);
        // A one-letter token is a fragment ("l'", "s'", the "L" of "L's") or an initial, never a word with a valence
        // of its own (VADER drops them too; vader_FR's "s" +0.8 would otherwise score every "s'est").
        if (word.Length == 1)
        {
            valence = 0;
            return false;
        }

        if (lexicon.WordLookup.TryGetValue(word, out valence))
        {
            return true;
        }

        // "sooo goood": try the word with letter runs cut to two, then to one.
        if (tokens[start].Elongated && word.Length <= scratch.Length)
        {
            for (var keep = 2; keep >= 1; keep--)
            {
                var n = Collapse(word, scratch, keep);
                if (lexicon.WordLookup.TryGetValue(scratch[..n], out valence))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int Collapse(ReadOnlySpan<char> word, Span<char> into, int keep)
    {
        var n = 0;
        var run = 0;
        for (var k = 0; k < word.Length; k++)
        {
            run = k > 0 && word[k] == word[k - 1] ? run + 1 : 1;
            if (run <= keep)
            {
                into[n++] = word[k];
            }
        }

        return n;
    }
}
