using CmBot.Core.Mentions;

namespace CmBot.Core.Tests.Mentions;

public sealed class NearDuplicateIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static List<string> Tweets() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Mentions", "Fixtures", "vader-tweets-sample.txt"))
            .Select(l => l.Split('\t'))
            .Where(p => p.Length >= 3)
            .Select(p => p[2])
            .ToList();

    private static StoredFingerprint Stored(string text, string? url = null) =>
        new(Guid.NewGuid(), url, SimHash.Compute(text), SimHash.DistinctWords(text));

    /// <summary>Streams items through both the linear scan and the index, storing originals, and compares every answer.</summary>
    private static int AssertSameAsLinearScan(NearDuplicates rule, List<StoredFingerprint> stream, int capacity)
    {
        var index = new NearDuplicateIndex(rule, capacity);
        var window = new List<StoredFingerprint>();
        var collapsed = 0;
        for (var i = 0; i < stream.Count; i++)
        {
            var item = stream[i];
            var expected = rule.FindOriginal(item.CanonicalUrl, item.Fingerprint, item.WordCount, window);
            var actual = index.FindOriginal(item.CanonicalUrl, item.Fingerprint, item.WordCount);
            Assert.Equal(expected, actual);
            if (expected is not null)
            {
                collapsed++;
                continue;
            }

            if (window.Count == capacity)
            {
                window.RemoveAt(0);
            }

            window.Add(item);
            index.Add(item, T0.AddSeconds(i));
        }

        Assert.Equal(window.Count, index.Count);
        return collapsed;
    }

    [Fact]
    public void FindOriginal_RealTweetsWithRetweetsAndEmphasis_SameAnswersAsLinearScan()
    {
        var tweets = Tweets();
        var stream = new List<StoredFingerprint>();
        foreach (var text in tweets)
        {
            stream.Add(Stored(text));
        }

        // Real sharing patterns of the same texts: retweets, emphasis variants, syndicated copies with the same link.
        foreach (var text in tweets.Take(60))
        {
            stream.Add(Stored($"RT @lumio_fan: {text}"));
            stream.Add(Stored(text.ToUpperInvariant() + "!!!"));
            stream.Add(Stored($"{text} via @newsdesk https://example.test/a", "https://example.test/a"));
        }

        var collapsed = AssertSameAsLinearScan(new NearDuplicates(), stream, capacity: 5000);

        Assert.True(collapsed >= 60, $"expected the retweets to collapse, got {collapsed}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(20)]
    public void FindOriginal_RandomFingerprintsNearAndFar_SameAnswersAsLinearScan(int maxDistance)
    {
        var random = new Random(42 + maxDistance);
        var stream = new List<StoredFingerprint>();
        var bases = new List<long>();
        for (var i = 0; i < 3000; i++)
        {
            long fingerprint;
            if (bases.Count > 0 && random.Next(3) == 0)
            {
                // A copy of an earlier text, a few bits away (sometimes just over the limit).
                fingerprint = bases[random.Next(bases.Count)];
                var flips = random.Next(maxDistance + 3);
                for (var f = 0; f < flips; f++)
                {
                    fingerprint ^= 1L << random.Next(64);
                }
            }
            else
            {
                fingerprint = random.NextInt64(long.MinValue, long.MaxValue);
                bases.Add(fingerprint);
            }

            var url = random.Next(10) == 0 ? $"https://example.test/{random.Next(40)}" : null;
            stream.Add(new StoredFingerprint(Guid.NewGuid(), url, fingerprint, random.Next(12)));
        }

        var collapsed = AssertSameAsLinearScan(new NearDuplicates(maxDistance), stream, capacity: 700);

        Assert.InRange(collapsed, 100, 2000);
    }

    [Fact]
    public void Add_WhenFull_OldestLeavesFirst()
    {
        var index = new NearDuplicateIndex(new NearDuplicates(), capacity: 2);
        var first = Stored("the delivery van left the parcel in the rain again today", "https://example.test/1");
        var second = Stored("my order arrived broken and support never answered my emails");
        var third = Stored("great service at the downtown store, friendly staff and quick checkout");

        index.Add(first, T0);
        index.Add(second, T0.AddMinutes(1));
        index.Add(third, T0.AddMinutes(2));

        Assert.Equal(2, index.Count);
        Assert.Null(index.FindOriginal("https://example.test/1", first.Fingerprint, first.WordCount));
        Assert.Equal(second, index.FindOriginal(null, second.Fingerprint, second.WordCount));
    }

    [Fact]
    public void Evict_OlderThanCutoff_RemovesOnlyThose()
    {
        var index = new NearDuplicateIndex(new NearDuplicates(), capacity: 10);
        var old = Stored("the delivery van left the parcel in the rain again today");
        var recent = Stored("my order arrived broken and support never answered my emails");
        index.Add(old, T0);
        index.Add(recent, T0.AddDays(2));

        var removed = index.Evict(T0.AddDays(1));

        Assert.Equal(1, removed);
        Assert.Null(index.FindOriginal(null, old.Fingerprint, old.WordCount));
        Assert.Equal(recent, index.FindOriginal(null, recent.Fingerprint, recent.WordCount));
    }

    [Fact]
    public void FindOriginal_SameUrlAndSimilarText_ReturnsTheOlderOne()
    {
        var index = new NearDuplicateIndex(new NearDuplicates(), capacity: 10);
        var text = Stored("the delivery van left the parcel in the rain again today");
        var article = Stored("a completely different article about store openings in lyon", "https://example.test/a");
        index.Add(text, T0);
        index.Add(article, T0.AddMinutes(1));

        Assert.Equal(text, index.FindOriginal("https://example.test/a", text.Fingerprint, text.WordCount));
    }

    [Fact]
    public void Constructor_MaxDistanceEight_CutsNineBandsCoveringAllBits()
    {
        var index = new NearDuplicateIndex(new NearDuplicates(8), capacity: 1);

        Assert.Equal(9, index.BandCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicateIndex(new NearDuplicates(), 0));
    }
}
