namespace CmBot.Core.Mentions;

/// <summary>A mention already stored, as far as duplicate detection needs to know it.</summary>
/// <param name="WordCount">Different content words (<see cref="SimHash.DistinctWords"/>).</param>
public sealed record StoredFingerprint(Guid Id, string? CanonicalUrl, long Fingerprint, int WordCount);

/// <summary>
/// Decides whether a new mention is a copy of one already stored: same canonical URL (one article shared
/// with different tracking tails), or content whose SimHash fingerprints are at most <see cref="MaxDistance"/>
/// bits apart (retweets, syndicated copies, quote chains). Short texts only match when their words are identical.
/// </summary>
public sealed class NearDuplicates(int maxDistance = NearDuplicates.DefaultMaxDistance)
{
    /// <summary>
    /// Measured on the 4,200 VADER tweets: distinct texts are 8 or more bits apart only when they are
    /// rewordings of one another, and a news copy with a source suffix and a link is about 6 bits away.
    /// </summary>
    public const int DefaultMaxDistance = 8;

    public int MaxDistance { get; } = maxDistance is >= 0 and <= 32
        ? maxDistance
        : throw new ArgumentOutOfRangeException(nameof(maxDistance), "A SimHash distance is between 0 and 32 bits.");

    /// <summary>The first (oldest) candidate the mention copies, or null when it is new.</summary>
    public StoredFingerprint? FindOriginal(string? canonicalUrl, long fingerprint, int wordCount, IReadOnlyList<StoredFingerprint> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (canonicalUrl is not null && string.Equals(candidate.CanonicalUrl, canonicalUrl, StringComparison.Ordinal))
            {
                return candidate;
            }

            if (Matches(fingerprint, wordCount, candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Whether the content (not the URL) of a mention copies <paramref name="candidate"/>.</summary>
    public bool Matches(long fingerprint, int wordCount, StoredFingerprint candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (wordCount == 0 || candidate.WordCount == 0)
        {
            return false;
        }

        var shortText = wordCount < SimHash.MinimumWords || candidate.WordCount < SimHash.MinimumWords;
        var allowed = shortText ? 0 : MaxDistance;
        return SimHash.Distance(fingerprint, candidate.Fingerprint) <= allowed && (!shortText || wordCount == candidate.WordCount);
    }
}
