using System.Collections.Frozen;
using System.Globalization;
using CmBot.Core.Text;

namespace CmBot.Core.Triage;

/// <summary>
/// A risk category and the phrases that reveal it. A phrase matches whole folded words in sequence;
/// a word ending in '*' matches any word starting with it ("brul*" finds "brûlé", "brûlure").
/// Proximity: "left NEAR/n right" matches when both sides occur, in either order, with at most n words between
/// them ("data NEAR/3 leak*" finds "my personal data was leaked"). Exceptions: a match that lies inside a match of an
/// <c>except</c> phrase does not count ("fire" in "Fire TV", "strike" in "copyright strike"), elsewhere in the text it
/// still does.
/// </summary>
public sealed class RiskRule
{
    /// <summary>The widest proximity accepted in a phrase (NEAR/1 .. NEAR/10).</summary>
    public const int MaximumNearDistance = 10;

    private readonly List<Pattern> _phrases;

    /// <summary>Phrases inside which a match does not count, or null.</summary>
    private readonly RiskRule? _except;

    /// <summary>Phrases by their exact first word, each list in file order.</summary>
    private readonly FrozenDictionary<string, int[]> _byFirstWord;

    /// <summary>Phrases whose first word is a prefix ("brul*"), by the prefix's first letter, each list in file order.</summary>
    private readonly FrozenDictionary<char, int[]> _prefixFirst;

    public RiskRule(string category, string label, bool critical, IEnumerable<string> phrases, IEnumerable<string>? except = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentNullException.ThrowIfNull(phrases);
        Category = category;
        Label = string.IsNullOrWhiteSpace(label) ? category : label;
        Critical = critical;
        _phrases = [.. phrases.Select(p => Pattern.Parse(category, p))];
        if (_phrases.Count == 0)
        {
            throw new ArgumentException($"Risk category '{category}' has no phrases.", nameof(phrases));
        }

        var exceptions = (except ?? []).ToList();
        _except = exceptions.Count == 0 ? null : new RiskRule(category, label, critical, exceptions);
        var indexes = Enumerable.Range(0, _phrases.Count).ToList();
        _prefixFirst = indexes.Where(i => _phrases[i].Words[0].EndsWith('*'))
            .GroupBy(i => _phrases[i].Words[0][0])
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _byFirstWord = indexes.Where(i => !_phrases[i].Words[0].EndsWith('*'))
            .GroupBy(i => _phrases[i].Words[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public string Category { get; }
    public string Label { get; }

    /// <summary>Critical categories (safety, legal, privacy...) alert on a single mention.</summary>
    public bool Critical { get; }

    /// <summary>The first folded word of each phrase ("brul*" for a prefix), for <see cref="RiskPrefilter"/>.</summary>
    internal IEnumerable<string> FirstWords => _phrases.Select(p => p.Words[0]);

    /// <summary>The folded words of the text that matched, in the order found, without repeats; empty when none.</summary>
    public IReadOnlyList<string> Match(IReadOnlyList<string> tokens) => Quote(tokens, MatchSpans(tokens));

    /// <summary>
    /// Where phrases matched: start token and length, in text order (both sides of a proximity match). A span that
    /// lies inside a longer one is left out ("fuite de données" is quoted once, not also as "fuite" and "données").
    /// </summary>
    public IReadOnlyList<(int Start, int Length)> MatchSpans(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        List<(int Start, int Length)>? spans = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var exact = _byFirstWord.TryGetValue(token, out var found) ? found : [];
            var prefixed = token.Length > 0 && _prefixFirst.TryGetValue(token[0], out var starting) ? starting : [];
            int e = 0, p = 0;
            while (e < exact.Length || p < prefixed.Length)
            {
                // Both lists are in file order: merge them so phrases are tried in the order they are written.
                var index = p >= prefixed.Length || (e < exact.Length && exact[e] < prefixed[p]) ? exact[e++] : prefixed[p++];
                var phrase = _phrases[index];
                if (!Matches(phrase.Words, tokens, i))
                {
                    continue;
                }

                if (phrase.Near is null)
                {
                    (spans ??= []).Add((i, phrase.Words.Length));
                }
                else if (FindNear(phrase, tokens, i) is { } other)
                {
                    (spans ??= []).Add((i, phrase.Words.Length));
                    spans.Add((other, phrase.Near.Length));
                }
            }
        }

        if (spans is not null && _except is not null)
        {
            var excepted = _except.MatchSpans(tokens);
            spans.RemoveAll(s => excepted.Any(x => s.Start >= x.Start && s.Start + s.Length <= x.Start + x.Length));
        }

        return spans is null || spans.Count == 0 ? [] : spans.Count == 1 ? spans : Outermost(spans);
    }

    /// <summary>The spans in text order (longest first at one start), without those inside an earlier, longer one.</summary>
    private static List<(int Start, int Length)> Outermost(List<(int Start, int Length)> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var kept = new List<(int Start, int Length)>(spans.Count);
        var end = 0;
        foreach (var span in spans)
        {
            if (span.Start + span.Length <= end)
            {
                continue;
            }

            kept.Add(span);
            end = span.Start + span.Length;
        }

        return kept;
    }

    /// <summary>The words covered by <paramref name="spans"/>, lower-cased, each once.</summary>
    public static IReadOnlyList<string> Quote(IReadOnlyList<string> words, IReadOnlyList<(int Start, int Length)> spans)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(spans);
        var found = new List<string>(spans.Count);
        foreach (var (start, length) in spans)
        {
            var matched = QuoteSpan(words, start, length);
            if (!found.Contains(matched))
            {
                found.Add(matched);
            }
        }

        return found;
    }

    /// <summary>The words from <paramref name="start"/> (at most <paramref name="length"/>), joined by spaces and lower-cased.</summary>
    internal static string QuoteSpan(IReadOnlyList<string> words, int start, int length)
    {
        var end = Math.Min(words.Count, start + length);
        if (end - start == 1)
        {
            return words[start].ToLowerInvariant();
        }

        var parts = new string[Math.Max(0, end - start)];
        for (var k = 0; k < parts.Length; k++)
        {
            parts[k] = words[start + k];
        }

        return string.Join(' ', parts).ToLowerInvariant();
    }

    /// <summary>Where the other side of a proximity phrase starts within its distance of the left side at <paramref name="start"/>, if it does.</summary>
    private static int? FindNear(Pattern phrase, IReadOnlyList<string> tokens, int start)
    {
        var near = phrase.Near!;
        var after = start + phrase.Words.Length;
        for (var j = after; j <= after + phrase.Distance && j + near.Length <= tokens.Count; j++)
        {
            if (Matches(near, tokens, j))
            {
                return j;
            }
        }

        for (var j = start - near.Length; j >= 0 && j >= start - near.Length - phrase.Distance; j--)
        {
            if (Matches(near, tokens, j))
            {
                return j;
            }
        }

        return null;
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
            var ok = word.EndsWith('*') ? token.AsSpan().StartsWith(word.AsSpan(0, word.Length - 1), StringComparison.Ordinal) : token == word;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One phrase: folded words, and for "a NEAR/n b" the other side and the distance.</summary>
    private sealed record Pattern(string[] Words, string[]? Near, int Distance)
    {
        public static Pattern Parse(string category, string? text)
        {
            var phrase = text ?? string.Empty;
            var parts = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var nearAt = Array.FindIndex(parts, IsNearOperator);
            if (nearAt < 0)
            {
                return new Pattern(Fold(category, phrase, parts), null, 0);
            }

            if (Array.FindIndex(parts, nearAt + 1, IsNearOperator) >= 0)
            {
                throw new ArgumentException($"Risk category '{category}': phrase '{phrase}' has more than one NEAR.", nameof(text));
            }

            var digits = parts[nearAt][5..];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var distance) || distance is < 1 or > MaximumNearDistance)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Risk category '{category}': phrase '{phrase}': NEAR/n needs n from 1 to {MaximumNearDistance} (words allowed between the two sides)."),
                    nameof(text));
            }

            if (nearAt == 0 || nearAt == parts.Length - 1)
            {
                throw new ArgumentException($"Risk category '{category}': phrase '{phrase}': NEAR/n needs words on both sides.", nameof(text));
            }

            return new Pattern(Fold(category, phrase, parts[..nearAt]), Fold(category, phrase, parts[(nearAt + 1)..]), distance);
        }

        /// <summary>"NEAR/3" (any case). A plain "near" stays an ordinary word.</summary>
        private static bool IsNearOperator(string part) => part.StartsWith("near/", StringComparison.OrdinalIgnoreCase);

        private static string[] Fold(string category, string phrase, string[] parts)
        {
            var words = parts.Select(w => w.EndsWith('*') ? TextFolding.Fold(w[..^1]) + "*" : TextFolding.Fold(w)).ToArray();
            if (words.Length == 0 || words.Any(w => w is "*" or ""))
            {
                throw new ArgumentException($"Risk category '{category}' has an empty phrase{(string.IsNullOrWhiteSpace(phrase) ? "" : $" ('{phrase}')")}.", nameof(phrase));
            }

            return words;
        }
    }
}
