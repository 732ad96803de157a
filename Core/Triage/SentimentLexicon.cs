using System.Globalization;
using CmBot.Core.Text;

namespace CmBot.Core.Triage;

/// <summary>
/// Word valences for one language, folded for matching. Parses AFINN's tab-separated format
/// (term, integer score in -5..+5); a term listed twice keeps the mean of its scores.
/// </summary>
public sealed class SentimentLexicon
{
    private readonly Dictionary<string, double> _scores;

    private SentimentLexicon(Dictionary<string, double> scores, int longestTerm)
    {
        _scores = scores;
        LongestTerm = longestTerm;
    }

    /// <summary>The longest multi-word entry, in tokens.</summary>
    public int LongestTerm { get; }

    public int Count => _scores.Count;

    public bool TryGet(string foldedTerm, out double score) => _scores.TryGetValue(foldedTerm, out score);

    public static SentimentLexicon ParseAfinn(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        var longest = 1;
        var lineNumber = 0;
        foreach (var rawLine in content.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !int.TryParse(line.AsSpan(tab + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var score))
            {
                throw new FormatException($"AFINN line {lineNumber} is not 'term<TAB>score': '{line}'.");
            }

            var tokens = TextFolding.Tokenize(line[..tab]);
            if (tokens.Count == 0)
            {
                continue;
            }

            var key = string.Join(' ', tokens);
            longest = Math.Max(longest, tokens.Count);
            sums[key] = sums.TryGetValue(key, out var s) ? (s.Sum + score, s.Count + 1) : (score, 1);
        }

        return new SentimentLexicon(sums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count, StringComparer.Ordinal), longest);
    }
}
