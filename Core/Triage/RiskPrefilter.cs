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

    /// <summary>Which rules (by position) each exact first word and each prefix can start.</summary>
    private readonly FrozenDictionary<string, int[]> _rulesByExact;
    private readonly FrozenDictionary<string, int[]> _rulesByPrefix;

    public RiskPrefilter(IEnumerable<RiskRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var rule in rules)
        {
            foreach (var first in rule.FirstWords)
            {
                var (map, word) = first.EndsWith('*') ? (prefixes, first[..^1]) : (exact, first);
                if (!map.TryGetValue(word, out var positions))
                {
                    map[word] = positions = [];
                }

                if (positions.Count == 0 || positions[^1] != index)
                {
                    positions.Add(index);
                }
            }

            index++;
        }

        _exact = exact.Keys.ToFrozenSet(StringComparer.Ordinal);
        _prefixes = prefixes.Keys.GroupBy(p => p[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _rulesByExact = exact.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        _rulesByPrefix = prefixes.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The positions, in ascending order, of the rules a token could start: the only ones that may match. With many
    /// rules (hundreds of product topics) this avoids trying each in turn; the first that matches is still the
    /// first in the configured order.
    /// </summary>
    public IReadOnlyList<int> Candidates(IReadOnlyList<string> foldedTokens)
    {
        ArgumentNullException.ThrowIfNull(foldedTokens);
        SortedSet<int>? found = null;
        for (var i = 0; i < foldedTokens.Count; i++)
        {
            var token = foldedTokens[i];
            if (token.Length == 0)
            {
                continue;
            }

            if (_rulesByExact.TryGetValue(token, out var rules))
            {
                (found ??= []).UnionWith(rules);
            }

            if (_prefixes.TryGetValue(token[0], out var candidates))
            {
                foreach (var prefix in candidates)
                {
                    if (token.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        (found ??= []).UnionWith(_rulesByPrefix[prefix]);
                    }
                }
            }
        }

        return found is null ? [] : [.. found];
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
