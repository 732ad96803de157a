using System.Globalization;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Feeds.Sources.Social;
using CmBot.Core.Mentions;
using Microsoft.Extensions.Logging.Abstractions;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>
/// Each social source against real API responses recorded by other projects (Fixtures/Feeds/recorded, see SOURCES.md),
/// served byte for byte on 127.0.0.1. Where a recording holds only the items and not the envelope the source reads
/// (a single boost, Bluesky posts kept as a list), the test wraps the recorded bytes, unchanged, in that envelope.
/// </summary>
public sealed class RecordedSourceContractTests : IAsyncLifetime
{
    private const string TagPath = "/api/v1/timelines/tag/hoot";
    private FakeFeedServer _server = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync() => _server = await FakeFeedServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static string Recorded(string name) => FakeFeedServer.Fixture(Path.Combine("recorded", name));

    private static byte[] RecordedBytes(string name) => File.ReadAllBytes(Recorded(name));

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private ConfiguredSource Source(string type, Action<FeedSourceOptions>? configure = null)
    {
        var options = new FeedSourceOptions { Type = type, Url = _server.BaseUrl.ToString().TrimEnd('/'), Query = "lumio" };
        configure?.Invoke(options);
        var source = new ConfiguredSource(type, options);
        FeedSourcesConfiguration.Validate(source);
        return source;
    }

    private MastodonSource Mastodon(Action<FeedSourceOptions>? configure = null) =>
        new(Source(SourceTypes.Mastodon, o => { o.Tag = "hoot"; o.Query = null; configure?.Invoke(o); }), _http, NullLogger<MastodonSource>.Instance);

    [Fact]
    public async Task Mastodon_RecordedTagTimeline_HashtagLinkStrippedAndGuessedLanguageIgnored()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.ServeFile(TagPath, "recorded/mastodon-tag-timeline.json", "application/json");

        var first = await Mastodon().FetchAsync(SourcePosition.Start, ct);
        await Mastodon().FetchAsync(first.Next with { ETag = null }, ct);

        var status = Assert.Single(first.Mentions);
        Assert.Equal("117020593741189701", status.ExternalId);
        Assert.Equal("#hoot (hashtag toot)", status.Text);
        Assert.Equal("http://localhost:3000/@mastodonpy_test_2/117020593741189701", status.Url);
        Assert.Equal("@mastodonpy_test_2", status.Author);
        Assert.Equal(0, status.AuthorReach);
        Assert.Equal(Utc("2026-08-01T13:55:55.867Z"), status.PublishedAt);

        // The server tagged this English toot "ja" (the posting client's default): neither fr nor en, so not trusted.
        Assert.Null(status.Language);
        Assert.Equal("117020593741189701", first.Next.Cursor);
        Assert.Equal("117020593741189701", _server.Requests.Last().Param("min_id"));
    }

    [Fact]
    public async Task Mastodon_RecordedFullPage_OldestFirstAndNewestIdIsCursor()
    {
        _server.ServeFile(TagPath, "recorded/mastodon-tag-timeline-page.json", "application/json");

        var fetch = await Mastodon(o => o.MaxItems = 10).FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(10, fetch.Mentions.Count);
        Assert.Equal(0, fetch.Skipped);
        Assert.StartsWith("Toot number 20! #fgiztss", fetch.Mentions[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Toot number 29! ", fetch.Mentions[^1].Text, StringComparison.Ordinal);
        Assert.True(fetch.Mentions.Zip(fetch.Mentions.Skip(1)).All(p => p.First.PublishedAt < p.Second.PublishedAt));
        Assert.Equal("117020581413876942", fetch.Next.Cursor);
    }

    [Fact]
    public async Task Mastodon_RecordedPublicTimeline_EntitiesDecodedMentionsKeptAsText()
    {
        _server.ServeFile(TagPath, "recorded/mastodon-public-timeline.json", "application/json");

        var fetch = await Mastodon().FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(8, fetch.Mentions.Count);
        var television = Assert.Single(fetch.Mentions, m => m.ExternalId == "117020592137523525");
        Assert.Equal("you can't say that on television", television.Text);
        Assert.Equal("en", television.Language);
        Assert.Equal("@admin", television.Author);
        Assert.Equal(1, television.AuthorReach);
        var reply = Assert.Single(fetch.Mentions, m => m.ExternalId == "117020588169351887");
        Assert.StartsWith("@mastodonpy_test ", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('<', string.Concat(fetch.Mentions.Select(m => m.Text)));
    }

    [Fact]
    public async Task Mastodon_RecordedBoost_CopyOfBoostedStatusLinkingTheStatusNotTheActivity()
    {
        // The recording is the POST /reblog answer: the exact Status object a timeline lists for a boost.
        var body = Encoding.UTF8.GetBytes("[" + File.ReadAllText(Recorded("mastodon-reblog-status.json")) + "]");
        _server.Serve(TagPath, body, "application/json");

        var fetch = await Mastodon().FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        var boost = Assert.Single(fetch.Mentions);
        Assert.Equal("117020574424543529", boost.ExternalId);
        Assert.Equal("Toot!", boost.Text);
        Assert.Equal("http://localhost:3000/@mastodonpy_test/117020574416668515", boost.Url);
        Assert.Equal("@mastodonpy_test", boost.Author);
        Assert.Equal("en", boost.Language);
        Assert.Equal(Utc("2026-08-01T13:51:01.118Z"), boost.PublishedAt);
    }

    [Fact]
    public async Task Mastodon_RecordedMentionNotifications_StatusReadNotificationIdIsCursor()
    {
        _server.ServeFile("/api/v1/notifications", "recorded/mastodon-notifications-mention.json", "application/json");
        var source = Mastodon(o => { o.Tag = null; o.Notifications = true; o.Token = "masto-token"; });

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        var mention = Assert.Single(fetch.Mentions);
        Assert.Equal("117020577157693549", mention.ExternalId);
        Assert.Equal("@mastodonpy_test hello!", mention.Text);
        Assert.Equal("@admin", mention.Author);
        Assert.Equal("http://localhost:3000/@admin/117020577157693549", mention.Url);
        Assert.Equal("21", fetch.Next.Cursor);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer masto-token", request.Authorization);
        Assert.Equal("mention", request.Param("types[]"));
    }

    [Fact]
    public async Task Mastodon_RecordedEmptySearch_NothingReadCursorKept()
    {
        _server.ServeFile("/api/v2/search", "recorded/mastodon-search-statuses.json", "application/json");
        var source = Mastodon(o => { o.Tag = null; o.Query = "mastodonpy_test"; o.Token = "masto-token"; });

        var fetch = await source.FetchAsync(new SourcePosition("117020577157693549", null, null), TestContext.Current.CancellationToken);

        Assert.Empty(fetch.Mentions);
        Assert.Equal(0, fetch.Skipped);
        Assert.Equal("117020577157693549", fetch.Next.Cursor);
    }

    private static byte[] BlueskyEnvelope()
    {
        // twitwi keeps the recorded postViews (and a few feed items) as a plain list: wrap it as searchPosts answers.
        var posts = RecordedBytes("bluesky-posts-twitwi.json");
        return [.. "{\"posts\":"u8, .. posts, .. "}"u8];
    }

    [Fact]
    public async Task Bluesky_RecordedPosts_ClientDatesOfAnyShapeReadAsSortAtAndBadDateSkipped()
    {
        _server.Serve("/xrpc/app.bsky.feed.searchPosts", BlueskyEnvelope(), "application/json");
        var source = new BlueskySource(Source(SourceTypes.Bluesky), _http, NullLogger<BlueskySource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        // 123 recorded items: one has the year 0000 in both dates (skipped); four posts appear twice (kept once).
        Assert.Equal(1, fetch.Skipped);
        Assert.Equal(118, fetch.Mentions.Count);
        Assert.True(fetch.Mentions.Zip(fetch.Mentions.Skip(1)).All(p => p.First.PublishedAt <= p.Second.PublishedAt));
        Assert.Equal("2026-01-08T22:22:50.705Z", fetch.Next.Cursor);
        var byId = fetch.Mentions.ToDictionary(m => m.ExternalId, StringComparer.Ordinal);

        // createdAt 16:09:09.779Z from a client clock two seconds ahead of indexedAt 16:09:07.569Z: the earlier wins.
        var first = byId["at://did:plc:crmrddqmbqzyqd24yjlpibz2/app.bsky.feed.post/3lkizm6uvhc2b"];
        Assert.Equal(Utc("2025-03-16T16:09:07.569Z"), first.PublishedAt);
        Assert.Equal("https://bsky.app/profile/pecqueuxanthony.bsky.social/post/3lkizm6uvhc2b", first.Url);
        Assert.Equal("@pecqueuxanthony.bsky.social", first.Author);
        Assert.Equal("fr", first.Language);
        Assert.Equal(42, first.AuthorReach);

        // "+08:00" and "-04:00" offsets, read in UTC; "es-CL" is neither fr nor en.
        Assert.Equal(Utc("2024-12-10T16:00:06Z"), byId["at://did:plc:crlarl7r5ynd2jabu6xbhapd/app.bsky.feed.post/3lcxmdmghfu2i"].PublishedAt);
        var chile = byId["at://did:plc:bds54ltpgjtysjgdjhreirgn/app.bsky.feed.post/3lo7etakrla2b"];
        Assert.Equal(Utc("2025-05-02T17:08:32Z"), chile.PublishedAt);
        Assert.Null(chile.Language);

        // Microsecond createdAt hours after indexedAt.
        Assert.Equal(Utc("2024-11-19T10:29:15.212Z"), byId["at://did:plc:7bkvbgrysyow3pf3v6lqp6n4/app.bsky.feed.post/3lbca2nxy4f2a"].PublishedAt);
        Assert.DoesNotContain(fetch.Mentions, m => m.ExternalId.EndsWith("3kbpuogc6fz2o", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bluesky_RecordedFeedItems_PostUnwrappedAndRepostIsACopyByTheReposter()
    {
        _server.Serve("/xrpc/app.bsky.feed.searchPosts", BlueskyEnvelope(), "application/json");
        var source = new BlueskySource(Source(SourceTypes.Bluesky), _http, NullLogger<BlueskySource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        const string Reposted = "at://did:plc:aru6i7k6wo43msubk6km5td3/app.bsky.feed.post/3lloj4ipqqh27";
        var repost = Assert.Single(fetch.Mentions, m => m.ExternalId.StartsWith(Reposted, StringComparison.Ordinal));
        Assert.Equal(Reposted + "#repost:did:plc:5klvtukw5fucxsrkjldhrjxs", repost.ExternalId);
        Assert.Equal("@yomguithereal.bsky.social", repost.Author);
        Assert.Equal("https://bsky.app/profile/korben.info/post/3lloj4ipqqh27", repost.Url);
        Assert.StartsWith("🔧 Découvrez Xan", repost.Text, StringComparison.Ordinal);
        Assert.Equal("fr", repost.Language);
        Assert.Equal(Utc("2025-04-02T17:00:19.684Z"), repost.PublishedAt);

        // A reply feed item ({"post", "reply"}) is its post.
        Assert.Contains(fetch.Mentions, m => m.ExternalId == "at://did:plc:5klvtukw5fucxsrkjldhrjxs/app.bsky.feed.post/3llp2zd2lec2r" && m.Author == "@yomguithereal.bsky.social");
    }

    private static byte[] HackerNewsReply(string url)
    {
        // fraction/node-hacker-news-api stored each answer as {"url", "reply"}: serve the reply's own bytes.
        using var document = JsonDocument.Parse(RecordedBytes("hackernews-algolia-fixtures.json"));
        var entry = document.RootElement.EnumerateArray().Single(e => e.GetProperty("url").GetString() == url);
        return Encoding.UTF8.GetBytes(entry.GetProperty("reply").GetRawText());
    }

    [Fact]
    public async Task HackerNews_RecordedComment_HtmlAndEntitiesStrippedTimeFromCreatedAtI()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Serve("/api/v1/search_by_date", HackerNewsReply("/api/v1/search_by_date?hitsPerPage=1&tags=(comment)&query=apple"), "application/json");
        var source = new HackerNewsSource(Source(SourceTypes.HackerNews), _http, NullLogger<HackerNewsSource>.Instance);

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        await source.FetchAsync(first.Next with { ETag = null }, ct);

        var comment = Assert.Single(first.Mentions);
        Assert.Equal("7919418", comment.ExternalId);
        Assert.StartsWith("Yeah the article seems stupid, while technically they aren't contributing to the scholarship they do pay tuition", comment.Text, StringComparison.Ordinal);
        Assert.Contains("Starbucks/Wal-Mart", comment.Text, StringComparison.Ordinal);
        Assert.Equal("fleitz", comment.Author);
        Assert.Equal(1, comment.AuthorReach);
        Assert.Equal("https://news.ycombinator.com/item?id=7919418", comment.Url);
        Assert.Equal(Utc("2014-06-20T03:32:34Z"), comment.PublishedAt);
        Assert.Equal("1403235154", first.Next.Cursor);
        Assert.Equal("created_at_i>1403235153", _server.Requests.Last().Param("numericFilters"));
    }

    [Fact]
    public async Task HackerNews_RecordedStoryWithEmptyText_TitleOnlyAndLinkInAnchorDecoded()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = new HackerNewsSource(Source(SourceTypes.HackerNews), _http, NullLogger<HackerNewsSource>.Instance);
        _server.Serve("/api/v1/search_by_date", HackerNewsReply("/api/v1/search_by_date?hitsPerPage=1&tags=(story)&query=apple"), "application/json");
        var story = Assert.Single((await source.FetchAsync(SourcePosition.Start, ct)).Mentions);
        _server.Serve("/api/v1/search_by_date", HackerNewsReply("/api/v1/search_by_date?hitsPerPage=1&tags=(comment)"), "application/json");
        var comment = Assert.Single((await source.FetchAsync(SourcePosition.Start, ct)).Mentions);

        Assert.Equal("Judge says concerned about Apple, Google hiring settlement", story.Text);
        Assert.Equal("https://news.ycombinator.com/item?id=7919424", story.Url);
        Assert.Equal("bradleyjg", story.Author);
        Assert.Contains("https://hn.algolia.com/?q=Fibonacci+Flim-Flam#!/all/forever/...", comment.Text, StringComparison.Ordinal);
        Assert.Contains("What's fascinating", comment.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reddit_RecordedSearch_FloatCreatedUtcOldestFirstAndTrackingRefCanonicalised()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.ServeFile("/search.json", "recorded/reddit-search-praw.json", "application/json");
        var source = new RedditSource(Source(SourceTypes.Reddit), _http, NullLogger<RedditSource>.Instance);

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        var second = await source.FetchAsync(first.Next with { ETag = null }, ct);

        Assert.Equal(["t3_1qvzkd", "t3_3b4erh", "t3_3gpbiu", "t3_3qc02b", "t3_3x4kt2", "t3_4at068"], first.Mentions.Select(m => m.ExternalId));
        var oldest = first.Mentions[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1384770349), oldest.PublishedAt);
        Assert.Equal("u/DAsSNipez", oldest.Author);
        Assert.StartsWith("Praw, opening a user page. — Is it possible to do this?", oldest.Text, StringComparison.Ordinal);
        Assert.Equal("https://www.reddit.com/r/redditdev/comments/1qvzkd/praw_opening_a_user_page/?ref=search_posts", oldest.Url);
        Assert.Equal("https://www.reddit.com/r/redditdev/comments/1qvzkd/praw_opening_a_user_page", UrlCanonicalizer.Canonicalize(oldest.Url));
        Assert.Equal(0, oldest.AuthorReach);
        Assert.StartsWith("たびたび話題になる", first.Mentions[^1].Text, StringComparison.Ordinal);
        Assert.Equal("1458221634", first.Next.Cursor);
        Assert.Equal(["t3_4at068"], second.Mentions.Select(m => m.ExternalId));
    }

    [Fact]
    public async Task Reddit_RecordedListing_SubscribersAsReachAndEmptySelftextGivesTitle()
    {
        _server.ServeFile("/search.json", "recorded/reddit-info-praw.json", "application/json");
        var source = new RedditSource(Source(SourceTypes.Reddit), _http, NullLogger<RedditSource>.Instance);

        var post = Assert.Single((await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken)).Mentions);

        Assert.Equal("t3_uflrmv", post.ExternalId);
        Assert.Equal("Test post", post.Text);
        Assert.Equal(2, post.AuthorReach);
        Assert.Equal("u/Lil_SpazTest", post.Author);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1651358011), post.PublishedAt);
    }

    [Fact]
    public async Task X_RecordedSearchWithoutExpansions_TimeFromSnowflakeAndWebLink()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.ServeFile("/2/tweets/search/recent", "recorded/x-search-recent-tweepy.json", "application/json");
        var source = new XSource(Source(SourceTypes.X, o => o.Token = "x-bearer"), _http, NullLogger<XSource>.Instance);

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        await source.FetchAsync(first.Next with { ETag = null }, ct);

        Assert.Equal(10, first.Mentions.Count);
        Assert.Equal(0, first.Skipped);
        var newest = first.Mentions[^1];
        Assert.Equal("1578516068309794817", newest.ExternalId);
        Assert.Equal("https://x.com/i/web/status/1578516068309794817", newest.Url);
        Assert.Equal("?", newest.Author);
        Assert.Equal(Utc("2022-10-07T22:42:12.752Z"), newest.PublishedAt);

        // Each recorded tweet's text is the time its test script posted it: the snowflake time is within a second of it.
        Assert.All(first.Mentions, m =>
        {
            var written = DateTimeOffset.ParseExact(m.Text[..26], "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.InRange(m.PublishedAt - written, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        });
        Assert.Equal("1578516068309794817", first.Next.Cursor);
        Assert.Equal("1578516068309794817", _server.Requests.Last().Param("since_id"));
    }

    [Fact]
    public async Task X_RecordedSearchWithRetweets_EachRetweetKeptAsACopy()
    {
        _server.ServeFile("/2/tweets/search/recent", "recorded/x-search-recent-tweepy-async.json", "application/json");
        var source = new XSource(Source(SourceTypes.X, o => o.Token = "x-bearer"), _http, NullLogger<XSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(10, fetch.Mentions.Count);
        var retweets = fetch.Mentions.Where(m => m.Text.StartsWith("RT @t6dr1ve: #TwitterBots go away!", StringComparison.Ordinal)).ToList();
        Assert.Equal(["1578519902427619328", "1578520573914718208", "1578522194770296832"], retweets.Select(m => m.ExternalId));
        Assert.Single(retweets.Select(m => m.Text).Distinct(StringComparer.Ordinal));
        Assert.EndsWith("#A…", retweets[0].Text, StringComparison.Ordinal);
        Assert.Equal("1578522194770296832", fetch.Next.Cursor);
    }

    [Fact]
    public async Task X_RecordedSearchWithExpansions_AuthorsJoinedAndRetweetsReadAsTheOriginal()
    {
        _server.ServeFile("/2/tweets/search/recent", "recorded/x-search-twitwi.json", "application/json");
        var source = new XSource(Source(SourceTypes.X, o => o.Token = "x-bearer"), _http, NullLogger<XSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(10, fetch.Mentions.Count);
        Assert.Equal("Bearer x-bearer", Assert.Single(_server.Requests).Authorization);
        Assert.Equal("author_id,referenced_tweets.id", _server.Requests.Single().Param("expansions"));
        var reply = fetch.Mentions.Single(m => m.ExternalId == "1383054846186639361");
        Assert.Equal("@toknell", reply.Author);
        Assert.Equal(462, reply.AuthorReach);
        Assert.Equal("https://x.com/toknell/status/1383054846186639361", reply.Url);
        Assert.Equal(Utc("2021-04-16T13:49:05Z"), reply.PublishedAt);
        Assert.Null(reply.Language);
        Assert.StartsWith("@johanwadenback @Andromake000 @Expressen Det är bara", reply.Text, StringComparison.Ordinal);

        // Six retweets of one post: each is a copy by its retweeter, with the original's full text (not "RT @…: …").
        var copies = fetch.Mentions.Where(m => m.Text.StartsWith("Central minister Mr V Muraleedharan", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, copies.Count);
        Assert.Single(copies.Select(m => m.Text).Distinct(StringComparer.Ordinal));
        Assert.DoesNotContain('…', copies[0].Text);
        Assert.Equal(6, copies.Select(m => m.Author).Distinct(StringComparer.Ordinal).Count());
        var first = copies.Single(m => m.ExternalId == "1383055313276964865");
        Assert.Equal("@Mehbub89927336", first.Author);
        Assert.Equal(469, first.AuthorReach);
        Assert.Contains("Remdesivir & vaccine", fetch.Mentions.Single(m => m.ExternalId == "1383054948208766985").Text, StringComparison.Ordinal);
        var french = fetch.Mentions.Single(m => m.ExternalId == "1383054775869116416");
        Assert.Equal("fr", french.Language);
        Assert.StartsWith("Du un contre un.", french.Text, StringComparison.Ordinal);
        Assert.Equal("1383055313276964865", fetch.Next.Cursor);
    }

    [Fact]
    public async Task X_RecordedRetweetOfAPostInTheSamePage_SameTextAsTheOriginal()
    {
        _server.ServeFile("/2/tweets/search/recent", "recorded/x-search-retweet-twitwi.json", "application/json");
        var source = new XSource(Source(SourceTypes.X, o => o.Token = "x-bearer"), _http, NullLogger<XSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(6, fetch.Mentions.Count);
        var original = fetch.Mentions.Single(m => m.ExternalId == "1385164195260469248");
        var retweet = fetch.Mentions.Single(m => m.ExternalId == "1385164269059198978");
        Assert.Equal("anadiplose (test)", original.Text);
        Assert.Equal(original.Text, retweet.Text);
        Assert.Equal("@BeatriceMazoyer", original.Author);
        Assert.Equal("@Yomguithereal", retweet.Author);
        Assert.Null(fetch.Mentions.Single(m => m.ExternalId == "1383483507071021058").Language);
    }
}
