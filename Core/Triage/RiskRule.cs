using CmBot.Core.Text;

namespace CmBot.Core.Triage;

/// <summary>
/// A risk category and the phrases that reveal it. A phrase matches whole folded words in sequence;
/// a word ending in '*' matches any word starting with it ("brul*" finds "brûlé", "brûlure").
/// </summary>
public sealed class RiskRule
{
    private readonly List<string[]> _phrases;

    public RiskRule(string category, string label, bool critical, IEnumerable<string> phrases)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentNullException.ThrowIfNull(phrases);
        Category = category;
        Label = string.IsNullOrWhiteSpace(label) ? category : label;
        Critical = critical;
        _phrases = [];
        foreach (var phrase in phrases)
        {
            var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => w.EndsWith('*') ? TextFolding.Fold(w[..^1]) + "*" : TextFolding.Fold(w))
                .ToArray();
            if (words.Length == 0 || words.Any(w => w is "*" or ""))
            {
                throw new ArgumentException($"Risk category '{category}' has an empty phrase.", nameof(phrases));
            }

            _phrases.Add(words);
        }

        if (_phrases.Count == 0)
        {
            throw new ArgumentException($"Risk category '{category}' has no phrases.", nameof(phrases));
        }
    }

    public string Category { get; }
    public string Label { get; }

    /// <summary>Critical categories (safety, legal, privacy...) alert on a single mention.</summary>
    public bool Critical { get; }

    /// <summary>The folded words of the text that matched, in the order found, without repeats; empty when none.</summary>
    public IReadOnlyList<string> Match(IReadOnlyList<string> tokens) => Quote(tokens, MatchSpans(tokens));

    /// <summary>Where phrases matched: start token and length, in text order.</summary>
    public IReadOnlyList<(int Start, int Length)> MatchSpans(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var spans = new List<(int, int)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var phrase in _phrases)
            {
                if (i + phrase.Length <= tokens.Count && Matches(phrase, tokens, i))
                {
                    spans.Add((i, phrase.Length));
                }
            }
        }

        return spans;
    }

    /// <summary>The words covered by <paramref name="spans"/>, lower-cased, each once.</summary>
    public static IReadOnlyList<string> Quote(IReadOnlyList<string> words, IReadOnlyList<(int Start, int Length)> spans)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(spans);
        var found = new List<string>();
        foreach (var (start, length) in spans)
        {
            var matched = string.Join(' ', words.Skip(start).Take(length)).ToLowerInvariant();
            if (!found.Contains(matched))
            {
                found.Add(matched);
            }
        }

        return found;
    }

    private static bool Matches(string[] phrase, IReadOnlyList<string> tokens, int start)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            var word = phrase[k];
            var token = tokens[start + k];
            var ok = word.EndsWith('*') ? token.StartsWith(word[..^1], StringComparison.Ordinal) : token == word;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
