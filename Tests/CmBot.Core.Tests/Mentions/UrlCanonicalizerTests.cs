using CmBot.Core.Mentions;

namespace CmBot.Core.Tests.Mentions;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://WWW.Example.COM/Path/Page?utm_source=x&utm_medium=y#top", "https://www.example.com/Path/Page")]
    [InlineData("https://example.com/a?b=2&fbclid=IwAR0&a=1&gclid=xyz", "https://example.com/a?a=1&b=2")]
    [InlineData("https://example.com:443/a/?ref=home", "https://example.com/a")]
    [InlineData("http://example.com:8080/", "http://example.com:8080/")]
    [InlineData("https://news.example.fr/article?id=42&utm_campaign=alerte", "https://news.example.fr/article?id=42")]
    [InlineData("https://www.lemonde.fr/economie/article/2026/11/26/lumio_1.html?xtor=RSS-3208&at_medium=rss&at_campaign=alerte", "https://www.lemonde.fr/economie/article/2026/11/26/lumio_1.html")]
    [InlineData("https://www.instagram.com/p/C0abc/?igsh=MWQ1ZGUxMzBkMA==", "https://www.instagram.com/p/C0abc")]
    public void Canonicalize_TrackingTailsAndCase_OneSpelling(string url, string expected)
    {
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("/relative/path")]
    public void Canonicalize_NotAnHttpUrl_Null(string? url)
    {
        Assert.Null(UrlCanonicalizer.Canonicalize(url));
    }

    [Fact]
    public void Canonicalize_GoogleAlertsRedirect_RealTarget()
    {
        // A link as it appears in the recorded Google Alerts Atom feed (feedjira's google_alerts_atom.xml).
        const string link = "https://www.google.com/url?rct=j&sa=t&url=https://www.businessinsider.com/slack-ipo-stock-price-2019-7%3Futm_source%3Dfeed&ct=ga&cd=CAIyGjI0NjU5ZGQ2MmQ4YjQxYTc6Y29tOmVuOlVT&usg=AFQjCNG";

        Assert.Equal("https://www.businessinsider.com/slack-ipo-stock-price-2019-7", UrlCanonicalizer.Canonicalize(link));
    }

    [Fact]
    public void Unwrap_OrdinaryLink_Unchanged()
    {
        Assert.Equal("https://example.com/url?url=https://elsewhere.example/", UrlCanonicalizer.Unwrap("https://example.com/url?url=https://elsewhere.example/"));
    }
}
