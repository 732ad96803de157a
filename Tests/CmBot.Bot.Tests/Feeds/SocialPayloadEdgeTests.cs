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

    private MastodonSource Mastodon(bool notifications = false) =>
        new(new ConfiguredSource("masto", new FeedSourceOptions
        {
            Type = SourceTypes.Mastodon, Url = _server.BaseUrl.ToString().TrimEnd('/'), Tag = notifications ? null : "hoot",
            Notifications = notifications, Token = notifications ? "masto-token" : null,
        }), _http, NullLogger<MastodonSource>.Instance);

    [Fact]
    public async Task Mastodon_StatusWithContentWarning_WarningReadBeforeContent()
    {
        var timeline = Recorded("mastodon-tag-timeline.json");
        timeline[0]!["spoiler_text"] = "kettle caught fire ";
        _server.Serve("/api/v1/timelines/tag/hoot", Encoding.UTF8.GetBytes(timeline.ToJsonString()), "application/json");

        var fetch = await Mastodon().FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal("kettle caught fire — #hoot (hashtag toot)", Assert.Single(fetch.Mentions).Text);
    }

    [Fact]
    public async Task Mastodon_NotificationOfAnotherType_SkippedAsNotAMention()
    {
        var notifications = Recorded("mastodon-notifications-mention.json").AsArray();
        var favourite = notifications[0]!.DeepClone();
        favourite["id"] = "22";
        favourite["type"] = "favourite";
        notifications.Add(favourite);
        _server.Serve("/api/v1/notifications", Encoding.UTF8.GetBytes(notifications.ToJsonString()), "application/json");

        var fetch = await Mastodon(notifications: true).FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(["117020577157693549"], fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal(1, fetch.Skipped);
        Assert.Equal("21", fetch.Next.Cursor);
    }

    [Theory]
    [InlineData("[removed]")]
    [InlineData("[deleted]")]
    public async Task Reddit_RemovedSelftext_TitleOnly(string marker)
    {
        var body = Recorded("reddit-search-praw.json");
        var post = body["data"]!["children"]![0]!["data"]!;
        post["selftext"] = marker;
        _server.Serve("/search.json", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
        var source = new RedditSource(Source(SourceTypes.Reddit), _http, NullLogger<RedditSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal("[PRAW][OAuth2Util] Problem using get_banned() : raise Forbidden(_raw=response)", fetch.Mentions.Single(m => m.ExternalId == "t3_3gpbiu").Text);
    }

    [Fact]
    public async Task Bluesky_AuthorWithInvalidHandle_LinkUsesTheDid()
    {
        var post = Recorded("bluesky-posts-twitwi.json")[0]!;
        post["author"]!["handle"] = "handle.invalid";
        var body = new JsonObject { ["posts"] = new JsonArray(post.DeepClone()) };
        _server.Serve("/xrpc/app.bsky.feed.searchPosts", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
        var source = new BlueskySource(Source(SourceTypes.Bluesky), _http, NullLogger<BlueskySource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal("https://bsky.app/profile/did:plc:crmrddqmbqzyqd24yjlpibz2/post/3lkizm6uvhc2b", Assert.Single(fetch.Mentions).Url);
    }

    [Fact]
    public async Task X_LongPostWithNoteTweet_FullTextReadAndFieldRequested()
    {
        var body = Recorded("x-search-recent-tweepy.json");
        body["data"]![0]!["note_tweet"] = new JsonObject { ["text"] = "2022-10-07 22:42:12.637103 tweepy, and the rest of a post longer than 280 characters" };
        _server.Serve("/2/tweets/search/recent", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
        var source = new XSource(Source(SourceTypes.X), _http, NullLogger<XSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.EndsWith("longer than 280 characters", fetch.Mentions.Single(m => m.ExternalId == "1578516068309794817").Text, StringComparison.Ordinal);
        Assert.Contains("note_tweet", Assert.Single(_server.Requests).Param("tweet.fields"), StringComparison.Ordinal);
    }
}
