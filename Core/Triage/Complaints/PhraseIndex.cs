using System.Collections.Frozen;
using CmBot.Core.Text;

namespace CmBot.Core.Triage.Complaints;

/// <summary>
/// Phrases of folded words in a word trie, so matching at a token costs one lookup per word of the longest phrase
/// that could start there, however many phrases share a first word ("can t log in", "can t load"...). A word
/// ending in '*' matches any word starting with it ("rembours*" finds "remboursez"); a phrase may not be a bare '*'.
/// </summary>
internal sealed class PhraseIndex
{
    private readonly Node _root;

    public PhraseIndex(IEnumerable<string> phrases)
    {
        var root = new Builder();
        foreach (var phrase in phrases)
        {
            var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => w.EndsWith('*') ? TextFolding.Fold(w[..^1]) + "*" : TextFolding.Fold(w))
                .ToArray();
            if (words.Length == 0 || words.Any(w => w is "*" or ""))
            {
                throw new ArgumentException($"Empty or bare-wildcard phrase: '{phrase}'.", nameof(phrases));
            }

            var node = root;
            foreach (var word in words)
            {
                node = node.Child(word);
            }

            node.Terminal = true;
        }

        _root = root.Build();
    }

    /// <summary>The length of the longest phrase starting at <paramref name="start"/>, or 0.</summary>
    public int MatchAt(IReadOnlyList<string> tokens, int start) => Longest(_root, tokens, start, 0);

    private static int Longest(Node node, IReadOnlyList<string> tokens, int index, int depth)
    {
        var best = node.Terminal ? depth : 0;
        if (index >= tokens.Count)
        {
            return best;
        }

        var token = tokens[index];
        if (node.Exact.TryGetValue(token, out var next))
        {
            best = Math.Max(best, Longest(next, tokens, index + 1, depth + 1));
        }

        if (token.Length > 0 && node.Prefixed.TryGetValue(token[0], out var prefixed))
        {
            foreach (var (prefix, child) in prefixed)
            {
                if (token.StartsWith(prefix, StringComparison.Ordinal))
                {
                    best = Math.Max(best, Longest(child, tokens, index + 1, depth + 1));
                }
            }
        }

        return best;
    }

    /// <param name="prefixed">The '*' words, by their first letter.</param>
    private sealed class Node(bool terminal, FrozenDictionary<string, Node> exact, FrozenDictionary<char, (string Prefix, Node Child)[]> prefixed)
    {
        public bool Terminal { get; } = terminal;
        public FrozenDictionary<string, Node> Exact { get; } = exact;
        public FrozenDictionary<char, (string Prefix, Node Child)[]> Prefixed { get; } = prefixed;
    }

    private sealed class Builder
    {
        private readonly Dictionary<string, Builder> _children = new(StringComparer.Ordinal);

        public bool Terminal { get; set; }

        public Builder Child(string word) => _children.TryGetValue(word, out var child) ? child : _children[word] = new Builder();

        public Node Build() => new(
            Terminal,
            _children.Where(kv => !kv.Key.EndsWith('*')).ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Build(), StringComparer.Ordinal),
            _children.Where(kv => kv.Key.EndsWith('*'))
                .Select(kv => (Prefix: kv.Key[..^1], Child: kv.Value.Build()))
                .GroupBy(p => p.Prefix[0])
                .ToFrozenDictionary(g => g.Key, g => g.ToArray()));
    }
}
