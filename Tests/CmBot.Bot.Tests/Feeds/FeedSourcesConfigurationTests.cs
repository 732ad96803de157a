using CmBot.Bot.Feeds.Polling;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;

namespace CmBot.Bot.Tests.Feeds;

public sealed class FeedSourcesConfigurationTests
{
    private static FeedSourcesConfiguration Load(params (string Key, string Value)[] settings) =>
        FeedSourcesConfiguration.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Load_NoSources_EmptySoTheDefaultStaysOffline()
    {
        Assert.Empty(Load().Sources);
    }

    [Fact]
    public void Load_ValidSources_ReadWithTypeNormalised()
    {
        var configuration = Load(
            ("Feeds:Sources:alerts:Type", "RSS"), ("Feeds:Sources:alerts:Url", "https://www.google.com/alerts/feeds/1/2"),
            ("Feeds:Sources:hook:Type", "webhook"), ("Feeds:Sources:hook:Secret", "s3cret"));

        Assert.Equal(["alerts", "hook"], configuration.Sources.Select(s => s.Name));
        Assert.Equal(SourceTypes.Rss, configuration.Find("alerts")!.Options.Type);
        Assert.Equal(["alerts"], configuration.Polled.Select(s => s.Name));
    }

    [Theory]
    [InlineData("Feeds:Sources:a:Type", "gopher", "Feeds:Sources:a:Type must be one of")]
    [InlineData("Feeds:Sources:a:Url", "not a url", "Feeds:Sources:a:Url must be an absolute http(s) URL")]
    [InlineData("Feeds:Sources:a:IntervalSeconds", "1", "Feeds:Sources:a:IntervalSeconds must be between 10 and 86400")]
    [InlineData("Feeds:Sources:a:IntervalSeconds", "often", "Feeds:Sources:a:")]
    [InlineData("Feeds:Sources:a:Language", "de", "Feeds:Sources:a:Language must be 'fr' or 'en'")]
    [InlineData("Feeds:Sources:a:MaxPages", "0", "Feeds:Sources:a:MaxPages must be between 1 and 100")]
    public void Load_Mistake_ConfigurationExceptionNamesTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string>
        {
            ["Feeds:Sources:a:Type"] = "rss",
            ["Feeds:Sources:a:Url"] = "https://news.example/feed",
        };
        settings[key] = value;

        var error = Assert.Throws<ConfigurationException>(() => Load([.. settings.Select(s => (s.Key, s.Value))]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", "Feeds:Sources:a:Token is required")]
    [InlineData("hackernews", "Feeds:Sources:a:Query is required")]
    [InlineData("mastodon", "needs a Tag")]
    [InlineData("webhook", "needs a Secret")]
    [InlineData("file", "Feeds:Sources:a:Path is required")]
    public void Load_MissingTypeSpecificKey_Named(string type, string expected)
    {
        (string, string)[] settings = type == "x"
            ? [("Feeds:Sources:a:Type", type), ("Feeds:Sources:a:Url", "https://api.example"), ("Feeds:Sources:a:Query", "lumio")]
            : [("Feeds:Sources:a:Type", type), ("Feeds:Sources:a:Url", "https://api.example")];

        var error = Assert.Throws<ConfigurationException>(() => Load(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MastodonNotificationsWithoutToken_TokenNamed()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(
            ("Feeds:Sources:a:Type", "mastodon"), ("Feeds:Sources:a:Url", "https://mastodon.example"), ("Feeds:Sources:a:Notifications", "true")));

        Assert.Contains("Feeds:Sources:a:Token is required for mastodon Notifications", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Has Spaces")]
    [InlineData("replay")]
    public void Load_BadName_Refused(string name)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(($"Feeds:Sources:{name}:Type", "rss"), ($"Feeds:Sources:{name}:Url", "https://a.example")));

        Assert.Contains("source name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(4, 480)]
    [InlineData(30, 3600)]
    public void Backoff_DoublesPerFailureCappedAtOneHour(int failures, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SourceBackoff.Delay(TimeSpan.FromSeconds(60), failures));
    }

    [Fact]
    public void Backoff_IsResting_UntilTheDelayHasPassed()
    {
        var failedAt = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var interval = TimeSpan.FromSeconds(60);

        Assert.True(SourceBackoff.IsResting(interval, 3, failedAt, failedAt.AddMinutes(3)));
        Assert.False(SourceBackoff.IsResting(interval, 3, failedAt, failedAt.AddMinutes(4)));
        Assert.False(SourceBackoff.IsResting(interval, 0, failedAt, failedAt));
    }
}
