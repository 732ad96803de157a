using System.Text;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Feeds.Sources.Rss;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>RSS/Atom parsing on real captures: redirects, encodings, malformed documents and items, DTDs.</summary>
public sealed class FeedDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 16, 0, 0, TimeSpan.Zero);

    private static ParsedFeed Parse(string fixture, string? charset = null, int maxItems = 100) =>
        FeedDocument.Parse("news", File.ReadAllBytes(FakeFeedServer.Fixture(fixture)), charset, maxItems, null, Now);

    [Fact]
    public void Parse_GoogleAlertsAtom_RedirectsUnwrappedAndHtmlStripped()
    {
        var feed = Parse("google_alerts_atom.xml");

        Assert.Equal(20, feed.Items.Count);
        Assert.Empty(feed.Skipped);
        Assert.All(feed.Items, i => Assert.DoesNotContain("google.com/url", i.Url, StringComparison.Ordinal));
        Assert.All(feed.Items, i => Assert.StartsWith("http", i.Url, StringComparison.Ordinal));
        Assert.All(feed.Items, i => Assert.DoesNotContain("<b>", i.Text, StringComparison.Ordinal));
        Assert.All(feed.Items, i => Assert.DoesNotContain("&nbsp;", i.Text, StringComparison.Ordinal));
        Assert.Contains(feed.Items, i => i.Text.Contains("Slack", StringComparison.Ordinal));
        Assert.Equal(feed.Items.OrderBy(i => i.PublishedAt).Select(i => i.ExternalId), feed.Items.Select(i => i.ExternalId));
    }

    [Fact]
    public void Parse_RedditAtomAndRss_SameFrontPageBothFormats()
    {
        var atom = Parse("reddit-home.rss");
        var rss = Parse("reddit.rss");

        Assert.Equal(24, atom.Items.Count);
        Assert.Equal(24, rss.Items.Count);
        Assert.All(rss.Items, i => Assert.StartsWith("https://www.reddit.com/r/", i.Url, StringComparison.Ordinal));
        Assert.Contains(rss.Items, i => i.Text.StartsWith("The water is too deep, so he improvises", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2015, 11, 12, 21, 16, 39, TimeSpan.Zero), rss.Items.Single(i => i.Text.StartsWith("The water is too deep", StringComparison.Ordinal)).PublishedAt);
        Assert.All(atom.Items, i => Assert.StartsWith("/u/", i.Author, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DeclaredIso88591_AccentsDecoded()
    {
        var feed = Parse("encoding.rss");

        Assert.Equal(40, feed.Items.Count);
        Assert.Contains(feed.Items, i => i.Text.Contains('ç') || i.Text.Contains('ã') || i.Text.Contains('é'));
        Assert.DoesNotContain(feed.Items, i => i.Text.Contains('\uFFFD'));
    }

    [Fact]
    public void Parse_UndeclaredLatin1_FallsBackWithoutReplacementCharacters()
    {
        var feed = Parse("uolNoticias.rss");

        Assert.Equal(15, feed.Items.Count);
        Assert.Empty(feed.Skipped);
        Assert.Contains(feed.Items, i => i.Text.StartsWith("Ibope: Bolsonaro perde de Haddad", StringComparison.Ordinal));
        Assert.DoesNotContain(feed.Items, i => i.Text.Contains('\uFFFD'));
        Assert.Contains(feed.Items, i => i.Text.Any(c => c > 127));
    }

    [Fact]
    public void Parse_BlankLinesBeforeDeclaration_Recovered()
    {
        var feed = Parse("feed-test-malformed.xml");

        var item = Assert.Single(feed.Items);
        Assert.False(string.IsNullOrWhiteSpace(item.Text));
    }

    [Fact]
    public void Parse_FrenchGoogleNews_AccentsKeptAndClusterFlattened()
    {
        var feed = Parse("feed-test-source.xml");

        var item = Assert.Single(feed.Items);
        Assert.DoesNotContain("<", item.Text, StringComparison.Ordinal);
        Assert.Contains(item.Text, c => "éèàêç".Contains(c, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DocumentWithDtd_Refused()
    {
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"boom\">]><rss version=\"2.0\"><channel><item><title>&x;</title><guid>1</guid></item></channel></rss>";

        var error = Assert.Throws<SourceException>(() => FeedDocument.Parse("news", Encoding.UTF8.GetBytes(xml), null, 10, null, Now));
        Assert.Contains("DTD", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_NotXml_SourceExceptionWithLine()
    {
        var error = Assert.Throws<SourceException>(() => FeedDocument.Parse("news", "<html><body>Gateway timeout"u8.ToArray(), null, 10, null, Now));
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedItems_SkippedWithReasonOthersKept()
    {
        const string xml = """
            <rss version="2.0"><channel>
              <item><title>Good one</title><link>https://news.example/a</link><pubDate>Thu, 26 Nov 2026 10:00:00 GMT</pubDate></item>
              <item><description></description></item>
              <item><title>Bad date</title><guid>b</guid><pubDate>the day after tomorrow</pubDate></item>
              <item><title>EST date</title><guid>c</guid><pubDate>Thu, 26 Nov 2026 05:30:00 EST</pubDate></item>
            </channel></rss>
            """;

        var feed = FeedDocument.Parse("news", Encoding.UTF8.GetBytes(xml), null, 10, "en", Now);

        Assert.Equal(["https://news.example/a", "c"], feed.Items.Select(i => i.ExternalId));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
        Assert.Equal(2, feed.Skipped.Count);
        Assert.Contains(feed.Skipped, s => s.Position == 2 && s.Reason.Contains("no id", StringComparison.Ordinal));
        Assert.Contains(feed.Skipped, s => s.Position == 3 && s.Reason.Contains("unreadable date", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MaxItems_Respected()
    {
        Assert.Equal(5, Parse("reddit.rss", maxItems: 5).Items.Count);
    }

    [Theory]
    [InlineData("Thu, 12 Nov 2015 21:16:39 +0000", "2015-11-12T21:16:39+00:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00+00:00")]
    [InlineData("Sun, 22 Mar 2020 18:45:00 -0700", "2020-03-23T01:45:00+00:00")]
    [InlineData("2019-07-10T11:53:37Z", "2019-07-10T11:53:37+00:00")]
    [InlineData(" Mon, 02 Mar 2020  10:00:00 +0100 ", "2020-03-02T09:00:00+00:00")]
    [InlineData("Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40+00:00")]
    [InlineData("jeu., 26 nov. 2026 10:00:00 +0100", "2026-11-26T09:00:00+00:00")]
    public void FeedDates_Rfc822AndIso_Parsed(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(text));
    }
}
