using System.Collections.Frozen;
using CmBot.Core.Text;

namespace CmBot.Core.Triage.Complaints;

/// <summary>
/// Phrases of folded words indexed by their first word, so matching costs one lookup per token. A word ending
/// in '*' matches any word starting with it ("rembours*" finds "remboursez"); a phrase may not start with '*'
/// alone. Phrases whose first word is such a prefix are indexed by its first letter, keeping their order.
/// </summary>
internal sealed class PhraseIndex
{
    private readonly FrozenDictionary<string, string[][]> _byFirstWord;
    private readonly FrozenDictionary<char, (string Prefix, string[] Phrase)[]> _prefixedByFirstChar;

    public PhraseIndex(IEnumerable<string> phrases)
    {
        var exact = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        var prefixed = new List<(string, string[])>();
        foreach (var phrase in phrases)
        {
            var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => w.EndsWith('*') ? TextFolding.Fold(w[..^1]) + "*" : TextFolding.Fold(w))
                .ToArray();
            if (words.Length == 0 || words.Any(w => w is "*" or ""))
            {
                throw new ArgumentException($"Empty or bare-wildcard phrase: '{phrase}'.", nameof(phrases));
            }

            if (words[0].EndsWith('*'))
            {
                prefixed.Add((words[0][..^1], words));
            }
            else
            {
                (exact.TryGetValue(words[0], out var list) ? list : exact[words[0]] = []).Add(words);
            }
        }

        _byFirstWord = exact.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(p => p.Length).ToArray(), StringComparer.Ordinal);
        _prefixedByFirstChar = prefixed.OrderByDescending(p => p.Item2.Length)
            .GroupBy(p => p.Item1[0])
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>The length of the longest phrase starting at <paramref name="start"/>, or 0.</summary>
    public int MatchAt(IReadOnlyList<string> tokens, int start)
    {
        var token = tokens[start];
        if (_byFirstWord.TryGetValue(token, out var candidates))
        {
            foreach (var phrase in candidates)
            {
                if (Matches(phrase, tokens, start))
                {
                    return phrase.Length;
                }
            }
        }

        if (token.Length == 0 || !_prefixedByFirstChar.TryGetValue(token[0], out var prefixed))
        {
            return 0;
        }

        foreach (var (prefix, phrase) in prefixed)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal) && Matches(phrase, tokens, start))
            {
                return phrase.Length;
            }
        }

        return 0;
    }

    private static bool Matches(string[] phrase, IReadOnlyList<string> tokens, int start)
    {
        if (start + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            var word = phrase[k];
            var token = tokens[start + k];
            var ok = word.EndsWith('*') ? token.StartsWith(word.AsSpan(0, word.Length - 1), StringComparison.Ordinal) : token == word;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
