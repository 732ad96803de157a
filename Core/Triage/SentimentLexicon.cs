using System.Collections.Frozen;
using System.Globalization;
using CmBot.Core.Text;

namespace CmBot.Core.Triage;

/// <summary>
/// Word valences for one language on VADER's scale (-4..+4), folded for matching (multi-word terms joined by
/// one space), plus emoticons kept as written (":)", ":-(", "&lt;3"). Reads four formats, detected from the
/// content: AFINN (<c>term TAB integer</c>, scaled by 0.8), VADER (<c>term TAB mean TAB sd TAB [ratings]</c>),
/// vader_FR (<c>term-&gt;score</c>) and Umigon tone lists (<c>term TAB condition TAB outcome</c>: outcome 11 is
/// positive, 12 negative, anything else carries no valence). A term listed twice in one file keeps the mean of
/// its scores; when lexicons are merged, the first one that has a term wins.
/// </summary>
public sealed class SentimentLexicon
{
    /// <summary>AFINN's -5..+5 integers brought onto VADER's -4..+4 scale.</summary>
    public const double AfinnScale = 0.8;

    /// <summary>Valence given to an entry of an Umigon positive or negative tone list.</summary>
    public const double UmigonValence = 1.5;

    private readonly FrozenDictionary<string, double> _words;
    private readonly FrozenDictionary<string, double> _emoticons;

    private SentimentLexicon(IDictionary<string, double> words, IDictionary<string, double> emoticons)
    {
        _words = words.ToFrozenDictionary(StringComparer.Ordinal);
        _emoticons = emoticons.ToFrozenDictionary(StringComparer.Ordinal);
        WordLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        EmoticonLookup = _emoticons.GetAlternateLookup<ReadOnlySpan<char>>();
        LongestTerm = _words.Keys.Select(k => k.Count(c => c == ' ') + 1).DefaultIfEmpty(1).Max();
        LongestEmoticon = _emoticons.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
    }

    /// <summary>The longest multi-word entry, in tokens.</summary>
    public int LongestTerm { get; }

    /// <summary>The longest emoticon, in characters.</summary>
    public int LongestEmoticon { get; }

    public int Count => _words.Count + _emoticons.Count;

    internal FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> WordLookup { get; }

    internal FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> EmoticonLookup { get; }

    public bool TryGet(string foldedTerm, out double score) => _words.TryGetValue(foldedTerm, out score);

    public bool TryGetEmoticon(string emoticon, out double score) => _emoticons.TryGetValue(emoticon, out score);

    public static SentimentLexicon ParseAfinn(string content) => Parse(content, "AFINN");

    /// <summary>Parses one lexicon file; the format is taken from its first non-empty line.</summary>
    public static SentimentLexicon Parse(string content, string sourceName = "lexicon")
    {
        ArgumentNullException.ThrowIfNull(content);
        var words = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        var emoticons = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        LexiconFormat? format = null;
        var lineNumber = 0;
        foreach (var rawLine in content.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            format ??= Detect(line);
            if (!TryParseLine(line, format.Value, out var term, out var score))
            {
                throw new FormatException($"{sourceName} line {lineNumber} is not a {format} entry: '{line}'.");
            }

            if (double.IsNaN(score))
            {
                continue;
            }

            if (IsEmoticon(term))
            {
                Add(emoticons, term.Trim(), score);
                continue;
            }

            var tokens = TextFolding.Tokenize(term);
            if (tokens.Count > 0)
            {
                Add(words, string.Join(' ', tokens), score);
            }
        }

        return new SentimentLexicon(Means(words), Means(emoticons));
    }

    /// <summary>One lexicon from several: for each term, the first lexicon that has it wins.</summary>
    public static SentimentLexicon Merge(IEnumerable<SentimentLexicon> lexicons)
    {
        ArgumentNullException.ThrowIfNull(lexicons);
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        var emoticons = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var lexicon in lexicons)
        {
            foreach (var (term, score) in lexicon._words)
            {
                words.TryAdd(term, score);
            }

            foreach (var (term, score) in lexicon._emoticons)
            {
                emoticons.TryAdd(term, score);
            }
        }

        return new SentimentLexicon(words, emoticons);
    }

    /// <summary>An emoticon is one chunk without spaces, no run of 3 letters or digits, and a symbol other than ' or -.</summary>
    internal static bool IsEmoticon(string term)
    {
        var hasSymbol = false;
        var run = 0;
        foreach (var c in term)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }

            run = char.IsLetterOrDigit(c) ? run + 1 : 0;
            if (run >= 3)
            {
                return false;
            }

            hasSymbol |= !char.IsLetterOrDigit(c) && c is not '\'' and not '-';
        }

        return hasSymbol;
    }

    private static LexiconFormat Detect(string line)
    {
        if (line.Contains("->", StringComparison.Ordinal) && !line.Contains('\t', StringComparison.Ordinal))
        {
            return LexiconFormat.VaderArrow;
        }

        var fields = line.Split('\t');
        return fields.Length switch
        {
            >= 4 when fields[3].TrimStart().StartsWith('[') => LexiconFormat.Vader,
            2 when int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => LexiconFormat.Afinn,
            3 => LexiconFormat.Umigon,
            _ => LexiconFormat.Afinn,
        };
    }

    private static bool TryParseLine(string line, LexiconFormat format, out string term, out double score)
    {
        score = double.NaN;
        switch (format)
        {
            case LexiconFormat.VaderArrow:
                {
                    var arrow = line.LastIndexOf("->", StringComparison.Ordinal);
                    term = arrow > 0 ? line[..arrow] : string.Empty;
                    return arrow > 0 && double.TryParse(line.AsSpan(arrow + 2), NumberStyles.Float, CultureInfo.InvariantCulture, out score);
                }

            case LexiconFormat.Vader:
                {
                    var fields = line.Split('\t');
                    term = fields[0];
                    return fields.Length >= 2 && term.Length > 0 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out score);
                }

            case LexiconFormat.Umigon:
                {
                    var fields = line.Split('\t');
                    term = fields[0].Trim();
                    if (fields.Length < 3 || term.Length == 0)
                    {
                        return fields.Length == 2 && term.Length > 0;
                    }

                    // "11:12" means 11 unless a heuristic condition fails; the leading outcome is the usual one.
                    var outcome = fields[2].Trim();
                    score = outcome.StartsWith("11", StringComparison.Ordinal) ? UmigonValence
                        : outcome.StartsWith("12", StringComparison.Ordinal) ? -UmigonValence
                        : outcome.StartsWith("if", StringComparison.Ordinal) && outcome.Contains("{12}", StringComparison.Ordinal) ? -UmigonValence
                        : outcome.StartsWith("if", StringComparison.Ordinal) && outcome.Contains("{11}", StringComparison.Ordinal) ? UmigonValence
                        : double.NaN;
                    return true;
                }

            default:
                {
                    var tab = line.LastIndexOf('\t');
                    term = tab > 0 ? line[..tab] : string.Empty;
                    if (tab <= 0 || !int.TryParse(line.AsSpan(tab + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var afinn))
                    {
                        return false;
                    }

                    score = afinn * AfinnScale;
                    return true;
                }
        }
    }

    private static void Add(Dictionary<string, (double Sum, int Count)> sums, string key, double score) =>
        sums[key] = sums.TryGetValue(key, out var s) ? (s.Sum + score, s.Count + 1) : (score, 1);

    private static Dictionary<string, double> Means(Dictionary<string, (double Sum, int Count)> sums) =>
        sums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count, StringComparer.Ordinal);

    private enum LexiconFormat
    {
        Afinn,
        Vader,
        VaderArrow,
        Umigon,
    }
}
