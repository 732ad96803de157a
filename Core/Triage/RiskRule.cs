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

    /// <summary>The words of the text that matched, in the order found; empty when none.</summary>
    public IReadOnlyList<string> Match(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var found = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var phrase in _phrases)
            {
                if (i + phrase.Length <= tokens.Count && Matches(phrase, tokens, i))
                {
                    var matched = string.Join(' ', tokens.Skip(i).Take(phrase.Length));
                    if (!found.Contains(matched))
                    {
                        found.Add(matched);
                    }
                }
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
