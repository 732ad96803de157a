using System.Collections.Frozen;

namespace CmBot.Core.Triage;

/// <summary>
/// The first words of every phrase of a set of rules (exact words, and "brul*" prefixes by their first letter). A
/// phrase, proximity ones included, can only match where a token is one of its first words, so a text in which no
/// token is one cannot match any rule: the triager then skips the rules (most mentions), and otherwise runs each
/// rule as before. It never changes a result, only skips work that would find nothing.
/// </summary>
internal sealed class RiskPrefilter
{
    private readonly FrozenSet<string> _exact;
    private readonly FrozenDictionary<char, string[]> _prefixes;

    public RiskPrefilter(IEnumerable<RiskRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var first in rule.FirstWords)
            {
                _ = first.EndsWith('*') ? prefixes.Add(first[..^1]) : exact.Add(first);
            }
        }

        _exact = exact.ToFrozenSet(StringComparer.Ordinal);
        _prefixes = prefixes.GroupBy(p => p[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Whether some token could start a phrase of one of the rules.</summary>
    public bool MayMatch(IReadOnlyList<string> foldedTokens)
    {
        for (var i = 0; i < foldedTokens.Count; i++)
        {
            var token = foldedTokens[i];
            if (token.Length == 0)
            {
                continue;
            }

            if (_exact.Contains(token))
            {
                return true;
            }

            if (_prefixes.TryGetValue(token[0], out var candidates))
            {
                foreach (var prefix in candidates)
                {
                    if (token.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
