using CmBot.Core.Mentions;

namespace CmBot.Core.Tests.Mentions;

public sealed class NearDuplicatesTests
{
    private static readonly NearDuplicates Detector = new();

    private static Dictionary<string, string> Tweets() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Mentions", "Fixtures", "vader-tweets-sample.txt"))
            .Select(l => l.Split('\t'))
            .Where(p => p.Length >= 3)
            .ToDictionary(p => p[0], p => p[2]);

    private static StoredFingerprint Stored(string text, string? url = null) =>
        new(Guid.NewGuid(), UrlCanonicalizer.Canonicalize(url), SimHash.Compute(text), SimHash.DistinctWords(text));

    private static StoredFingerprint? Find(string text, IReadOnlyList<StoredFingerprint> stored, string? url = null) =>
        Detector.FindOriginal(UrlCanonicalizer.Canonicalize(url), SimHash.Compute(text), SimHash.DistinctWords(text), stored);

    [Fact]
    public void FindOriginal_RealQuoteChainsWithDifferentPunctuation_SameOriginal()
    {
        // VADER tweets 169 and 1469: "papercuts suck worse. RT @anonymous: I hate paperwork." and its "!" variant.
        var tweets = Tweets();
        var first = Stored(tweets["169"]);

        Assert.Equal(first, Find(tweets["1469"], [first]));
    }

    [Fact]
    public void FindOriginal_RetweetOfLongTweet_MatchesOriginal()
    {
        var tweets = Tweets();
        var original = tweets["304"][(tweets["304"].LastIndexOf("@anonymous", StringComparison.Ordinal) + "@anonymous".Length)..];
        var stored = Stored(original);

        Assert.Equal(stored, Find(tweets["304"], [stored]));
        Assert.Equal(stored, Find($"RT @lumio_fan: {original}", [stored]));
    }

    [Fact]
    public void FindOriginal_SyndicatedCopyWithSourceSuffixAndLink_MatchesOriginal()
    {
        const string article = "Lumio rappelle sa bouilloire K2 après plusieurs signalements de surchauffe : le fabricant demande aux clients "
            + "de cesser immédiatement de l'utiliser et promet un remboursement intégral en magasin.";
        var stored = Stored(article, "https://www.lemonde.example/economie/article/2026/11/26/lumio-rappel.html?utm_source=rss");

        Assert.Equal(stored, Find(article + " - Le Parisien https://www.leparisien.example/a/123", [stored]));
        Assert.Equal(stored, Find("Autre titre", [stored], "https://WWW.LEMONDE.example/economie/article/2026/11/26/lumio-rappel.html?fbclid=abc#comments"));
    }

    [Fact]
    public void FindOriginal_CapitalisationAndEmphasisVariants_Collapse()
    {
        // VADER's own emphasis variants of tweet 60 (ids 3201-3205) are the same words shouted louder.
        var tweets = Tweets();
        var stored = Stored(tweets["60"]);

        Assert.Equal(stored, Find("HORRIBLE news tonight!!! total fucking MESS!!! feel HELPLESS and ILL!!!", [stored]));
    }

    [Fact]
    public void FindOriginal_DistinctRealTweets_NoFalseCollapse()
    {
        var texts = Tweets().Where(t => int.Parse(t.Key, System.Globalization.CultureInfo.InvariantCulture) <= 80).Select(t => t.Value).Distinct().ToList();
        var stored = new List<StoredFingerprint>();
        var collapsed = new List<string>();
        foreach (var text in texts)
        {
            if (Find(text, stored) is not null)
            {
                collapsed.Add(text);
            }

            stored.Add(Stored(text));
        }

        Assert.Empty(collapsed);
    }

    [Fact]
    public void FindOriginal_OneWordRepeated_NotCollapsedWithOtherRepetitions()
    {
        // VADER tweets: the two "yay yay yay" texts are only 2 bits apart, but say nothing in common.
        var stored = Stored("Yay yay yay yay yay yay yay yay yay yay yay yay #mets");

        Assert.Null(Find("@anonymous yay yay yay. Yay yay yay. Repeat a few more times.", [stored]));
    }

    [Fact]
    public void FindOriginal_ShortTextsSharingWords_NotCollapsedUnlessIdentical()
    {
        var stored = Stored("Lumio K2 is great");

        Assert.Null(Find("Lumio K2 is dangerous", [stored]));
        Assert.Equal(stored, Find("RT @a: Lumio K2 is GREAT!", [stored]));
    }

    [Fact]
    public void Distance_IdenticalAndDifferent_CountsBits()
    {
        Assert.Equal(0, SimHash.Distance(SimHash.Compute("the same words here"), SimHash.Compute("The same words, here!")));
        Assert.Equal(64, SimHash.Distance(0, -1));
    }

    [Fact]
    public void Constructor_DistanceOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicates(40));
    }
}
