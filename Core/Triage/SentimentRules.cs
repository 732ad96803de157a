using System.Collections.Frozen;

namespace CmBot.Core.Triage;

/// <summary>
/// The function words of one language that change a valence: negations (before the word, and for French
/// also after it: "j'adore pas"), boosters ("very", "très"), dampeners ("kind of", "un peu") and contrast
/// words after which the clause weighs more ("but", "mais", two-word "par contre"). French also has the usual
/// social-media spellings ("pa", "r1" for "pas", "rien"; "tro", "bcp", "vrmt" for "trop", "beaucoup", "vraiment"). All folded (lower case, no accents). The French
/// lists follow Umigon's negation, strength-of-opinion and moderator lists (C. Levallois, CC BY 4.0).
/// </summary>
public sealed class SentimentRules
{
    /// <summary>VADER's factor for a negated word: "not good" counts as -0.74 × good.</summary>
    public const double DefaultNegationFactor = -0.74;

    public SentimentRules(
        IEnumerable<string> negations,
        IEnumerable<string> postposedNegations,
        IEnumerable<string> boosters,
        IEnumerable<string> dampeners,
        IEnumerable<string> contrasts,
        double negationCueValence = 0,
        double negatedNegativeFactor = DefaultNegationFactor,
        IEnumerable<string>? windowFillers = null,
        bool questionEmphasis = false)
    {
        QuestionEmphasis = questionEmphasis;
        WindowFillers = (windowFillers ?? []).ToFrozenSet(StringComparer.Ordinal);
        FillerLookup = WindowFillers.GetAlternateLookup<ReadOnlySpan<char>>();
        NegationCueValence = negationCueValence;
        NegatedNegativeFactor = negatedNegativeFactor;
        Negations = negations.ToFrozenSet(StringComparer.Ordinal);
        PostposedNegations = postposedNegations.ToFrozenSet(StringComparer.Ordinal);
        Boosters = boosters.ToFrozenSet(StringComparer.Ordinal);
        Dampeners = dampeners.ToFrozenSet(StringComparer.Ordinal);
        Contrasts = contrasts.ToFrozenSet(StringComparer.Ordinal);
        NegationLookup = Negations.GetAlternateLookup<ReadOnlySpan<char>>();
        PostposedLookup = PostposedNegations.GetAlternateLookup<ReadOnlySpan<char>>();
        BoosterLookup = Boosters.GetAlternateLookup<ReadOnlySpan<char>>();
        DampenerLookup = Dampeners.GetAlternateLookup<ReadOnlySpan<char>>();
        ContrastLookup = Contrasts.GetAlternateLookup<ReadOnlySpan<char>>();
        ContrastFirstWords = Contrasts.Where(c => c.Contains(' ', StringComparison.Ordinal)).Select(c => c[..c.IndexOf(' ', StringComparison.Ordinal)])
            .ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        HasTwoWordContrasts = ContrastFirstWords.Set.Count > 0;
    }

    public FrozenSet<string> Negations { get; }

    /// <summary>
    /// Valence added for a clause with a negation and no scored word ("ne marche pas", "can't log in"): denial and
    /// failure talk leans negative. Learned on the training splits (see docs/triage-evaluation.md).
    /// </summary>
    public double NegationCueValence { get; }

    /// <summary>
    /// Factor applied to a negated negative word: VADER's -0.74 flips "not bad" to positive; French keeps a
    /// negated negative word mildly negative ("pas terrible", "je ne veux pas mourir"). Learned on the training split.
    /// </summary>
    public double NegatedNegativeFactor { get; }

    public FrozenSet<string> PostposedNegations { get; }

    /// <summary>
    /// Tokens that take no place in the three-word window a negation or booster reaches across: the article "a" and
    /// the split-off ends of contractions ("I'm", "it's", "you'll"), or French elided words ("l'", "j'", "qu'"). "Not
    /// a good day" and "wouldn't be such a bad idea" are negated as their words read, not as their tokens count.
    /// </summary>
    public FrozenSet<string> WindowFillers { get; }

    /// <summary>
    /// Two or more '?' add emphasis, as in VADER ("are you serious??"): 0.18 each up to three, 0.96 beyond. Chosen
    /// on the English training split; no gain in French.
    /// </summary>
    public bool QuestionEmphasis { get; }

    public FrozenSet<string> Boosters { get; }

    public FrozenSet<string> Dampeners { get; }

    public FrozenSet<string> Contrasts { get; }

    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NegationLookup { get; }

    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PostposedLookup { get; }

    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerLookup { get; }

    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BoosterLookup { get; }

    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DampenerLookup { get; }

    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContrastLookup { get; }

    /// <summary>Some contrast is two words ("par contre"): the scorer then also looks at word pairs.</summary>
    internal bool HasTwoWordContrasts { get; }

    /// <summary>The first words of the two-word contrasts ("par", "en"): only they start a pair lookup.</summary>
    internal FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContrastFirstWords { get; }

    public static SentimentRules English { get; } = new(
        ["not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "nowhere", "without", "cannot", "cant", "dont", "didnt", "doesnt",
            "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt", "aint", "t", "n't"],
        [],
        ["very", "really", "so", "extremely", "totally", "absolutely", "super", "too", "incredibly", "completely", "utterly", "highly",
            "hugely", "most", "such", "fucking", "freaking", "damn", "particularly", "especially", "truly", "deeply", "entirely", "majorly"],
        ["barely", "hardly", "slightly", "somewhat", "kinda", "sorta", "marginally", "partly", "occasionally", "little"],
        ["but", "however", "although", "though", "yet", "nevertheless", "nonetheless"],
        negationCueValence: -0.3,
        windowFillers: ["a", "m", "s", "d", "ll", "re", "ve"],
        questionEmphasis: true);

    public static SentimentRules French { get; } = new(
        ["ne", "n", "pas", "jamais", "aucun", "aucune", "aucunement", "aucuns", "aucunes", "rien", "sans", "ni", "non", "guere", "nullement", "personne",
            "pa", "r1", "ri1", "nn"],
        ["pas", "jamais", "rien", "guere", "nullement", "pa", "r1", "ri1"],
        ["tres", "vraiment", "trop", "hyper", "grave", "vachement", "totalement", "completement", "tellement", "archi", "super", "ultra",
            "mega", "extremement", "terriblement", "carrement", "franchement", "serieusement", "sacrement", "bougrement", "bigrement",
            "enormement", "incroyablement", "vraiment", "si", "tout", "absolument", "particulierement", "putain", "ptn", "beaucoup",
            "tro", "bcp", "vrmt", "vrm", "grv"],
        ["peu", "moyennement", "plutot", "assez", "legerement", "limite"],
        ["mais", "pourtant", "cependant", "toutefois", "neanmoins", "sauf", "hormis", "par contre", "en revanche", "n empeche"],
        negationCueValence: -1.0,
        negatedNegativeFactor: 0.5,
        windowFillers: ["l", "j", "d", "c", "s", "m", "t", "qu", "n"]);

    public static SentimentRules For(string language) => language == "fr" ? French : English;
}
