namespace CmBot.Core.Mentions;

/// <summary>
/// A bounded, in-memory LSH band index over SimHash fingerprints that answers the same question as
/// <see cref="NearDuplicates.FindOriginal"/> over the same originals in insertion order, without a linear scan.
/// The 64 bits are cut into <c>MaxDistance + 1</c> bands: two fingerprints at most <c>MaxDistance</c> bits apart
/// agree on at least one whole band (pigeonhole), so looking only in the buckets of the query's bands finds every
/// match the scan finds (no false negatives), and each bucket hit is checked with the exact rule.
/// Originals leave the index in insertion order when it is full or older than the window given to <see cref="Evict"/>.
/// Not thread-safe: one writer (the ingestor holds its write gate).
/// </summary>
public sealed class NearDuplicateIndex
{
    private readonly NearDuplicates rule;
    private readonly int[] bandShift;
    private readonly ulong[] bandMask;
    private readonly Dictionary<ulong, Queue<Entry>>[] bands;
    private readonly Dictionary<string, Queue<Entry>> byUrl = new(StringComparer.Ordinal);
    private readonly Queue<Entry> order = new();
    private long nextSequence;

    public NearDuplicateIndex(NearDuplicates rule, int capacity)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.rule = rule;
        Capacity = capacity;
        var count = rule.MaxDistance + 1;
        bandShift = new int[count];
        bandMask = new ulong[count];
        bands = new Dictionary<ulong, Queue<Entry>>[count];
        var start = 0;
        for (var b = 0; b < count; b++)
        {
            // Spread the remainder so widths differ by at most one bit (e.g. 9 bands: eight of 7 bits, one of 8).
            var width = (64 / count) + (b < 64 % count ? 1 : 0);
            bandShift[b] = start;
            bandMask[b] = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
            bands[b] = [];
            start += width;
        }
    }

    /// <summary>At most this many originals are kept; the oldest leaves first.</summary>
    public int Capacity { get; }

    /// <summary>Originals currently indexed.</summary>
    public int Count => order.Count;

    /// <summary>How many bands the 64 bits are cut into.</summary>
    public int BandCount => bands.Length;

    /// <summary>Adds an original seen at <paramref name="at"/>; evicts the oldest when the index is full.</summary>
    public void Add(StoredFingerprint original, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (order.Count == Capacity)
        {
            RemoveOldest();
        }

        var entry = new Entry(original, nextSequence++, at);
        order.Enqueue(entry);
        if (original.CanonicalUrl is { } url)
        {
            Bucket(byUrl, url).Enqueue(entry);
        }

        if (original.WordCount > 0)
        {
            var bits = unchecked((ulong)original.Fingerprint);
            for (var b = 0; b < bands.Length; b++)
            {
                Bucket(bands[b], (bits >> bandShift[b]) & bandMask[b]).Enqueue(entry);
            }
        }
    }

    /// <summary>
    /// Removes the originals added before <paramref name="cutoff"/>, oldest first; stops at the first one that is
    /// not older (times are expected to grow with insertion, as the ingestor sees them).
    /// </summary>
    public int Evict(DateTimeOffset cutoff)
    {
        var removed = 0;
        while (order.Count > 0 && order.Peek().At < cutoff)
        {
            RemoveOldest();
            removed++;
        }

        return removed;
    }

    /// <summary>The oldest indexed original the mention copies (the one the linear scan would return), or null.</summary>
    public StoredFingerprint? FindOriginal(string? canonicalUrl, long fingerprint, int wordCount)
    {
        Entry? best = null;
        if (canonicalUrl is not null && byUrl.TryGetValue(canonicalUrl, out var sameUrl))
        {
            best = sameUrl.Peek();
        }

        if (wordCount > 0)
        {
            var bits = unchecked((ulong)fingerprint);
            for (var b = 0; b < bands.Length; b++)
            {
                if (!bands[b].TryGetValue((bits >> bandShift[b]) & bandMask[b], out var bucket))
                {
                    continue;
                }

                // Buckets are in insertion order: the first match is the oldest in this bucket.
                foreach (var entry in bucket)
                {
                    if (best is not null && entry.Sequence >= best.Sequence)
                    {
                        break;
                    }

                    if (rule.Matches(fingerprint, wordCount, entry.Original))
                    {
                        best = entry;
                        break;
                    }
                }
            }
        }

        return best?.Original;
    }

    private void RemoveOldest()
    {
        var oldest = order.Dequeue();
        var original = oldest.Original;
        if (original.CanonicalUrl is { } url)
        {
            Dequeue(byUrl, url, oldest);
        }

        if (original.WordCount > 0)
        {
            var bits = unchecked((ulong)original.Fingerprint);
            for (var b = 0; b < bands.Length; b++)
            {
                Dequeue(bands[b], (bits >> bandShift[b]) & bandMask[b], oldest);
            }
        }
    }

    private static Queue<Entry> Bucket<TKey>(Dictionary<TKey, Queue<Entry>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var bucket))
        {
            bucket = new Queue<Entry>(1);
            map[key] = bucket;
        }

        return bucket;
    }

    // The oldest entry overall is also the oldest in each of its buckets, so it is always at their front.
    private static void Dequeue<TKey>(Dictionary<TKey, Queue<Entry>> map, TKey key, Entry expected)
        where TKey : notnull
    {
        var bucket = map[key];
        var removed = bucket.Dequeue();
        if (!ReferenceEquals(removed, expected))
        {
            throw new InvalidOperationException("Near-duplicate index buckets are out of insertion order.");
        }

        if (bucket.Count == 0)
        {
            map.Remove(key);
        }
    }

    private sealed record Entry(StoredFingerprint Original, long Sequence, DateTimeOffset At);
}
