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

    // A wire story as agencies ship it and as outlets republish it: the body is the agency's, the outlet adds its own
    // headline in front and its own tail (credit, boilerplate, "read also"), sometimes drops the dateline. The texts are
    // written for the tests, in the real shapes of AFP and AP copy.
    private const string AfpBody = "Le fabricant d'électroménager Lumio a annoncé jeudi le rappel de sa bouilloire K2 après une "
        + "vingtaine de signalements de surchauffe, dont trois brûlures légères. Les clients sont invités à cesser immédiatement "
        + "de l'utiliser et à la rapporter en magasin, où elle sera remboursée intégralement, a précisé l'entreprise dans un communiqué.";

    private const string ApBody = "Appliance maker Lumio is recalling about 40,000 K2 electric kettles after reports that the "
        + "base can overheat and melt, the company said Thursday. Customers should stop using the kettles immediately and "
        + "return them to any store for a full refund, according to a statement posted on the company's website.";

    [Theory]
    [InlineData("PARIS (AFP) - " + AfpBody, "Bouilloire K2 : Lumio lance un rappel après des cas de surchauffe\n" + AfpBody + " (Avec AFP)")]
    [InlineData("PARIS (AFP) - " + AfpBody, "Rappel produit. " + AfpBody + " Lire aussi : nos conseils pour choisir une bouilloire https://www.exemple.fr/conso")]
    [InlineData("PARIS (AFP) - " + AfpBody, "Lumio rappelle la K2 - PARIS (AFP) - " + AfpBody + " © AFP")]
    [InlineData("LOS ANGELES (AP) — " + ApBody, "Lumio recalls 40,000 kettles over burn risk\n" + ApBody
        + " Copyright 2026 The Associated Press. All rights reserved.")]
    [InlineData("LOS ANGELES (AP) — " + ApBody, "Kettle recall: " + ApBody + " Associated Press writer contributed to this report.")]
    public void FindOriginal_WireStorySyndicatedWithOtherHeadlineAndTail_MatchesTheWireCopy(string wire, string republished)
    {
        var stored = Stored(wire, "https://www.afp.example/wire/1");

        Assert.Equal(stored, Find(republished, [stored], "https://news.example/other-outlet/2"));
    }

    [Fact]
    public void FindOriginal_TwoDifferentWireStoriesWithTheSameBoilerplate_NotCollapsed()
    {
        const string tail = " Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.";
        var stored = Stored("LOS ANGELES (AP) — " + ApBody + tail);

        Assert.Null(Find(
            "LOS ANGELES (AP) — Lumio said Thursday it will open its first flagship store in Los Angeles next spring, "
            + "with a cafe serving coffee from its Barista One machines and a repair counter for older appliances." + tail,
            [stored]));
    }

    [Theory]
    [InlineData("Lumio recalls K2 kettles over burn risk, full refunds in store https://reut.rs/3xK2 via @Reuters")]
    [InlineData("Lumio recalls K2 kettles over burn risk, full refunds in store (via @Reuters) https://t.co/abc")]
    [InlineData("RT @Reuters: Lumio recalls K2 kettles over burn risk, full refunds in store https://t.co/abc")]
    [InlineData("Scary. \"Lumio recalls K2 kettles over burn risk, full refunds in store\" — @Reuters")]
    [InlineData("MT @conso_alerte: scary RT @Reuters: Lumio recalls K2 kettles over burn risk, full refunds in store")]
    public void FindOriginal_ViaCreditsRetweetsAndQuotes_MatchTheOriginalPost(string copy)
    {
        var stored = Stored("Lumio recalls K2 kettles over burn risk, full refunds in store https://www.reuters.example/business/lumio-k2");

        Assert.Equal(stored, Find(copy, [stored]));
    }

    [Theory]
    [InlineData("PARIS (AFP) - Lumio rappelle sa bouilloire", "lumio rappelle sa bouilloire")]
    [InlineData("LOS ANGELES (AP) — Lumio recalls kettles", "lumio recalls kettles")]
    [InlineData("Lumio rappelle sa bouilloire (Avec AFP)", "lumio rappelle sa bouilloire")]
    [InlineData("Lumio rappelle sa bouilloire (avec l'AFP et Belga)", "lumio rappelle sa bouilloire")]
    [InlineData("Lumio rappelle sa bouilloire © AFP 2026", "lumio rappelle sa bouilloire")]
    [InlineData("Lumio recalls kettles. Copyright 2026 The Associated Press. All rights reserved.", "lumio recalls kettles")]
    [InlineData("Lumio recalls kettles (Reporting by Jane Doe; Editing by John Roe)", "lumio recalls kettles")]
    [InlineData("Lumio recalls kettles. Associated Press writer Jane Doe in Chicago contributed to this report.", "lumio recalls kettles")]
    [InlineData("Lumio rappelle sa bouilloire\nLire aussi : nos conseils bouilloires\nfin", "lumio rappelle sa bouilloire fin")]
    [InlineData("Read more: the big kettle test", "")]
    [InlineData("My kettle (a gift) broke: what now?", "my kettle a gift broke what now")]
    [InlineData("Reporting by a customer: the AP lid came off", "reporting by a customer the ap lid came off")]
    public void ContentWords_WireMarks_Removed_OtherTextKept(string text, string expected) =>
        Assert.Equal(expected, string.Join(' ', SimHash.ContentWords(text)));

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
