using System.Text;
using System.Text.Json.Nodes;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Feeds.Sources.Social;
using Microsoft.Extensions.Logging.Abstractions;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>
/// The edges the recorded payloads showed, one at a time: each payload is a recorded object (Fixtures/Feeds/recorded)
/// with only the field under test changed.
/// </summary>
public sealed class SocialPayloadEdgeTests : IAsyncLifetime
{
    private FakeFeedServer _server = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync() => _server = await FakeFeedServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static JsonNode Recorded(string name) => JsonNode.Parse(File.ReadAllText(FakeFeedServer.Fixture(Path.Combine("recorded", name))))!;

    private ConfiguredSource Source(string type)
    {
        var source = new ConfiguredSource(type, new FeedSourceOptions { Type = type, Url = _server.BaseUrl.ToString().TrimEnd('/'), Query = "lumio", Token = type == SourceTypes.X ? "x-bearer" : null });
        FeedSourcesConfiguration.Validate(source);
        return source;
    }

    [Fact]
    public void SnowflakeTime_TweetId_MillisecondsSinceTwitterEpoch()
    {
        Assert.Equal(DateTimeOffset.Parse("2022-10-07T22:42:12.752Z", System.Globalization.CultureInfo.InvariantCulture), JsonFields.SnowflakeTime("1578516068309794817"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1288834974657 + 1), JsonFields.SnowflakeTime((1L << 22).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("20")]
    [InlineData("-1578516068309794817")]
    [InlineData("t3_abc")]
    [InlineData("99999999999999999999999")]
    public void SnowflakeTime_NotASnowflake_Null(string? id) => Assert.Null(JsonFields.SnowflakeTime(id));

    [Fact]
    public void BlueskySortAt_EarlierOfCreatedAndIndexed_EitherAloneWhenOtherUnreadable()
    {
        var created = new DateTimeOffset(2024, 11, 19, 15, 13, 1, TimeSpan.Zero);
        var indexed = new DateTimeOffset(2024, 11, 19, 10, 29, 15, TimeSpan.Zero);

        Assert.Equal(indexed, BlueskySource.SortAt(created, indexed));
        Assert.Equal(indexed, BlueskySource.SortAt(indexed, created));
        Assert.Equal(created, BlueskySource.SortAt(created, null));
        Assert.Equal(indexed, BlueskySource.SortAt(null, indexed));
        Assert.Null(BlueskySource.SortAt(null, null));
    }

    [Fact]
    public async Task X_TweetWithoutCreatedAtAndNonSnowflakeId_SkippedWithReason()
    {
        var body = Recorded("x-search-recent-tweepy.json");
        body["data"]![0]!["id"] = "20";
        _server.Serve("/2/tweets/search/recent", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
        var source = new XSource(Source(SourceTypes.X), _http, NullLogger<XSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(9, fetch.Mentions.Count);
        Assert.Equal(1, fetch.Skipped);
        Assert.DoesNotContain(fetch.Mentions, m => m.ExternalId == "20");
    }

    [Fact]
    public async Task X_CreatedAtGiven_WinsOverSnowflake()
    {
        var body = Recorded("x-search-recent-tweepy.json");
        body["data"]![0]!["created_at"] = "2022-10-07T22:42:12.000Z";
        _server.Serve("/2/tweets/search/recent", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
        var source = new XSource(Source(SourceTypes.X), _http, NullLogger<XSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2022, 10, 7, 22, 42, 12, TimeSpan.Zero), fetch.Mentions.Single(m => m.ExternalId == "1578516068309794817").PublishedAt);
    }

    [Fact]
    public async Task Reddit_ListingWithASubredditChild_OnlyPostsReadOtherKindSkipped()
    {
        var body = Recorded("reddit-info-praw.json");
        var children = body["data"]!["children"]!.AsArray();
        var subreddit = children[0]!.DeepClone();
        subreddit["kind"] = "t5";
        subreddit["data"]!["name"] = "t5_2qizd";
        children.Add(subreddit);
        _server.Serve("/search.json", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
        var source = new RedditSource(Source(SourceTypes.Reddit), _http, NullLogger<RedditSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(["t3_uflrmv"], fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal(1, fetch.Skipped);
    }

    [Fact]
    public async Task HackerNews_HitWithoutCreatedAtI_TimeFromCreatedAt()
    {
        var reply = Recorded("hackernews-algolia-fixtures.json").AsArray()
            .Single(e => (string?)e!["url"] == "/api/v1/search_by_date?hitsPerPage=1&tags=(comment)&query=apple")!["reply"]!;
        reply["hits"]![0]!.AsObject().Remove("created_at_i");
        _server.Serve("/api/v1/search_by_date", Encoding.UTF8.GetBytes(reply.ToJsonString()), "application/json");
        var source = new HackerNewsSource(Source(SourceTypes.HackerNews), _http, NullLogger<HackerNewsSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        var comment = Assert.Single(fetch.Mentions);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1403235154), comment.PublishedAt);
        Assert.Equal("1403235154", fetch.Next.Cursor);
    }

    [Fact]
    public async Task Mastodon_BoostOfRemoteStatusWithoutUrl_LinksTheStatusUri()
    {
        var boost = Recorded("mastodon-reblog-status.json");
        boost["reblog"]!["url"] = null;
        _server.Serve("/api/v1/timelines/tag/hoot", Encoding.UTF8.GetBytes(new JsonArray(boost).ToJsonString()), "application/json");
        var options = new FeedSourceOptions { Type = SourceTypes.Mastodon, Url = _server.BaseUrl.ToString().TrimEnd('/'), Tag = "hoot" };
        var source = new MastodonSource(new ConfiguredSource("masto", options), _http, NullLogger<MastodonSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal("http://localhost:3000/ap/users/117020565966271181/statuses/117020574416668515", Assert.Single(fetch.Mentions).Url);
    }
}
