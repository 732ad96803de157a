using CmBot.Core.Text;

namespace CmBot.Core.Replies.Suggestions;

/// <summary>
/// Nearest neighbours over approved replies: each answered mention becomes a TF-IDF vector of its folded words
/// (unit length, sublinear term frequency), and a new mention is compared by cosine through an inverted index, so
/// only replies sharing a word with it are scored. Only replies in the same language are returned. Immutable once
/// built; build it again when replies are approved.
/// </summary>
public sealed class ReplySuggestionIndex
{
    /// <summary>Words shorter than this carry little meaning ("de", "is") and are left out.</summary>
    public const int MinWordLength = 3;

    private readonly ApprovedReply[] _replies;
    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly List<Posting[]> _postings = [];
    private readonly double[] _idf;

    public ReplySuggestionIndex(IEnumerable<ApprovedReply> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        _replies = [.. replies];
        var counts = new Dictionary<int, int>[_replies.Length];
        var documentFrequency = new List<int>();
        for (var doc = 0; doc < _replies.Length; doc++)
        {
            counts[doc] = [];
            foreach (var word in Words(_replies[doc].MentionText))
            {
                if (!_terms.TryGetValue(word, out var term))
                {
                    term = _terms.Count;
                    _terms[word] = term;
                    documentFrequency.Add(0);
                }

                if (counts[doc].TryGetValue(term, out var count))
                {
                    counts[doc][term] = count + 1;
                }
                else
                {
                    counts[doc][term] = 1;
                    documentFrequency[term]++;
                }
            }
        }

        // Smoothed IDF: a word in every mention still weighs a little, an unseen word (query side) is ignored.
        _idf = [.. documentFrequency.Select(df => Math.Log((1.0 + _replies.Length) / (1.0 + df)) + 1.0)];
        var lists = new List<Posting>[_terms.Count];
        for (var term = 0; term < lists.Length; term++)
        {
            lists[term] = [];
        }

        for (var doc = 0; doc < _replies.Length; doc++)
        {
            var vector = Weigh(counts[doc]);
            foreach (var (term, weight) in vector)
            {
                lists[term].Add(new Posting(doc, weight));
            }
        }

        _postings.AddRange(lists.Select(l => l.ToArray()));
    }

    public int Count => _replies.Length;

    /// <summary>
    /// Up to <paramref name="top"/> approved replies in <paramref name="language"/> whose mention is at least
    /// <paramref name="minScore"/> similar to <paramref name="mentionText"/>, best first (ties: the index's order).
    /// </summary>
    public IReadOnlyList<ReplySuggestion> Suggest(string mentionText, string language, int top = 3, double minScore = 0.2)
    {
        ArgumentNullException.ThrowIfNull(mentionText);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var counts = new Dictionary<int, int>();
        foreach (var word in Words(mentionText))
        {
            if (_terms.TryGetValue(word, out var term))
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return [];
        }

        var scores = new Dictionary<int, double>();
        foreach (var (term, weight) in Weigh(counts))
        {
            foreach (var posting in _postings[term])
            {
                if (_replies[posting.Doc].Language == language)
                {
                    scores[posting.Doc] = scores.GetValueOrDefault(posting.Doc) + (weight * posting.Weight);
                }
            }
        }

        return [.. scores
            .Where(s => s.Value >= minScore)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key)
            .Take(top)
            .Select(s => new ReplySuggestion(_replies[s.Key], Math.Min(1.0, s.Value)))];
    }

    private List<(int Term, double Weight)> Weigh(Dictionary<int, int> counts)
    {
        var vector = counts.Select(c => (c.Key, (1.0 + Math.Log(c.Value)) * _idf[c.Key])).ToList();
        var norm = Math.Sqrt(vector.Sum(v => v.Item2 * v.Item2));
        return norm == 0 ? [] : [.. vector.Select(v => (v.Key, v.Item2 / norm))];
    }

    private static IEnumerable<string> Words(string text) =>
        TextFolding.Tokenize(text).Where(w => w.Length >= MinWordLength);

    private readonly record struct Posting(int Doc, double Weight);
}
