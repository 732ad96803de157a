using System.Text.Json.Nodes;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Feeds.Sources.Paging;
using CmBot.Bot.Feeds.Sources.Social;
using Microsoft.Extensions.Logging.Abstractions;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>Catch-up after a burst: full pages followed to what was already seen, bounded, nothing skipped.</summary>
public sealed class SourcePagingTests : IAsyncLifetime
{
    private const string TagPath = "/api/v1/timelines/tag/lumio";
    private const string HnPath = "/api/v1/search_by_date";
    private FakeFeedServer _server = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync() => _server = await FakeFeedServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private ConfiguredSource Source(string type, int perPage, int maxPages, Action<FeedSourceOptions>? configure = null)
    {
        var options = new FeedSourceOptions { Type = type, Url = _server.BaseUrl.ToString().TrimEnd('/'), Query = "lumio", MaxItems = perPage, MaxPages = maxPages };
        configure?.Invoke(options);
        var source = new ConfiguredSource(type, options);
        FeedSourcesConfiguration.Validate(source);
        return source;
    }

    private MastodonSource Mastodon(int maxPages) =>
        new(Source(SourceTypes.Mastodon, 2, maxPages, o => { o.Tag = "lumio"; o.Query = null; }), _http, NullLogger<MastodonSource>.Instance);

    private HackerNewsSource HackerNews(int maxPages) =>
        new(Source(SourceTypes.HackerNews, 2, maxPages), _http, NullLogger<HackerNewsSource>.Instance);

    private List<FeedRequest> Requests(string path) => [.. _server.Requests.Where(r => r.Path == path)];

    [Fact]
    public async Task Mastodon_BurstOfFullPages_FollowsPagesUntilCaughtUp()
    {
        var statuses = PagedApis.MastodonStatuses(9);
        _server.ServePages(TagPath, r => PagedApis.MastodonPage(statuses, r, _server.BaseUrl));

        var fetch = await Mastodon(maxPages: 10).FetchAsync(new SourcePosition(PagedApis.MastodonId(2), null, null), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(3, 7).Select(PagedApis.MastodonId), fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.MastodonId(9), fetch.Next.Cursor);
        Assert.Equal(Enumerable.Range(1, 4).Select(n => PagedApis.MastodonId(2 * n)), Requests(TagPath).Select(r => r.Param("min_id")));
        Assert.All(Requests(TagPath), r => Assert.Equal("2", r.Param("limit")));
        Assert.Equal("Message 3 : ma bouilloire #Lumio K2 chauffe encore, numéro 3.", fetch.Mentions[0].Text);
    }

    [Fact]
    public async Task Mastodon_FirstPoll_LatestPageOnly()
    {
        var statuses = PagedApis.MastodonStatuses(9);
        _server.ServePages(TagPath, r => PagedApis.MastodonPage(statuses, r, _server.BaseUrl));

        var fetch = await Mastodon(maxPages: 10).FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal([PagedApis.MastodonId(8), PagedApis.MastodonId(9)], fetch.Mentions.Select(m => m.ExternalId));
        Assert.Single(Requests(TagPath));
        Assert.Equal(PagedApis.MastodonId(9), fetch.Next.Cursor);
    }

    [Fact]
    public async Task Mastodon_BurstLongerThanMaxPages_NextPollGoesOnWithoutGapOrRepeat()
    {
        var ct = TestContext.Current.CancellationToken;
        var statuses = PagedApis.MastodonStatuses(9);
        _server.ServePages(TagPath, r => PagedApis.MastodonPage(statuses, r, _server.BaseUrl));
        var source = Mastodon(maxPages: 2);

        var first = await source.FetchAsync(new SourcePosition(PagedApis.MastodonId(2), null, null), ct);
        var second = await source.FetchAsync(first.Next, ct);

        Assert.Equal(Enumerable.Range(3, 4).Select(PagedApis.MastodonId), first.Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.MastodonId(6), first.Next.Cursor);
        Assert.Equal(Enumerable.Range(7, 3).Select(PagedApis.MastodonId), second.Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.MastodonId(9), second.Next.Cursor);
    }

    [Fact]
    public async Task HackerNews_BurstOfFullPages_ReadsPagesDownToCursor()
    {
        var hits = PagedApis.HnHits(Enumerable.Range(1, 9));
        _server.ServePages(HnPath, r => PagedApis.HnPage(hits, r));
        var cursor = PagedApis.HnTime(2).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var fetch = await HackerNews(maxPages: 10).FetchAsync(new SourcePosition(cursor, null, null), TestContext.Current.CancellationToken);

        // Item 2 (same second as the cursor) comes back and is recognised by id when stored; item 1 does not.
        Assert.Equal(Enumerable.Range(2, 8).Select(PagedApis.HnId), fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.HnTime(9).ToString(System.Globalization.CultureInfo.InvariantCulture), fetch.Next.Cursor);
        var requests = Requests(HnPath);
        Assert.Equal([null, "1", "2", "3"], requests.Select(r => r.Param("page")));
        Assert.All(requests, r => Assert.Equal($"created_at_i>{PagedApis.HnTime(2) - 1}", r.Param("numericFilters")));
    }

    [Fact]
    public async Task HackerNews_BurstLongerThanMaxPages_GapReadByNextPolls_NoGapNoRepeat()
    {
        var ct = TestContext.Current.CancellationToken;
        var hits = PagedApis.HnHits(Enumerable.Range(1, 9));
        _server.ServePages(HnPath, r => PagedApis.HnPage(hits, r));
        var source = HackerNews(maxPages: 2);
        var position = new SourcePosition(PagedApis.HnTime(2).ToString(System.Globalization.CultureInfo.InvariantCulture), null, null);

        var polls = new List<SourceFetch>();
        for (var i = 0; i < 3; i++)
        {
            var fetch = await source.FetchAsync(position, ct);
            polls.Add(fetch);
            position = fetch.Next;
        }

        // Then item 10 arrives: the next poll reads from the newest mark, not from the gap.
        hits.AddRange(PagedApis.HnHits([10]));
        var after = await source.FetchAsync(position, ct);

        Assert.Equal(Enumerable.Range(6, 4).Select(PagedApis.HnId), polls[0].Mentions.Select(m => m.ExternalId));
        var firstCursor = PagedCursor.Parse(polls[0].Next.Cursor);
        Assert.Equal((PagedApis.HnTime(9).ToString(System.Globalization.CultureInfo.InvariantCulture), PagedApis.HnTime(2).ToString(System.Globalization.CultureInfo.InvariantCulture), PagedApis.HnTime(6).ToString(System.Globalization.CultureInfo.InvariantCulture)), (firstCursor.Newest, firstCursor.Floor, firstCursor.Before));
        Assert.Equal($"created_at_i>{PagedApis.HnTime(2) - 1},created_at_i<{PagedApis.HnTime(6) + 1}", Requests(HnPath)[2].Param("numericFilters"));
        Assert.Equal(Enumerable.Range(3, 4).Select(PagedApis.HnId), polls[1].Mentions.Select(m => m.ExternalId));
        Assert.Equal(Enumerable.Range(2, 2).Select(PagedApis.HnId), polls[2].Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.HnTime(9).ToString(System.Globalization.CultureInfo.InvariantCulture), polls[2].Next.Cursor);
        Assert.Equal([PagedApis.HnId(9), PagedApis.HnId(10)], after.Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.HnTime(10).ToString(System.Globalization.CultureInfo.InvariantCulture), after.Next.Cursor);

        // Every item from the cursor on was read; the only re-reads are the boundary items, which the store
        // recognises by id (source + external id), so none is stored twice.
        var read = polls.Append(after).SelectMany(p => p.Mentions).Select(m => m.ExternalId).ToList();
        Assert.Equal(Enumerable.Range(2, 9).Select(PagedApis.HnId), read.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([PagedApis.HnId(3), PagedApis.HnId(6), PagedApis.HnId(9)], read.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HackerNews_PageFailsMidCatchUp_NothingReturnedAndRetryReadsAll()
    {
        var ct = TestContext.Current.CancellationToken;
        var hits = PagedApis.HnHits(Enumerable.Range(1, 9));
        var served = 0;
        _server.ServePages(HnPath, r => Interlocked.Increment(ref served) == 2 ? new PagedAnswer("rate limited"u8.ToArray(), Status: 503) : PagedApis.HnPage(hits, r));
        var source = HackerNews(maxPages: 10);
        var position = new SourcePosition(PagedApis.HnTime(2).ToString(System.Globalization.CultureInfo.InvariantCulture), null, null);

        var error = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(position, ct));
        var retry = await source.FetchAsync(position, ct);

        // The poll job records a thrown fetch as a failure and keeps the stored cursor: the retry starts over.
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(2, 8).Select(PagedApis.HnId), retry.Mentions.Select(m => m.ExternalId));
    }

    private RedditSource Reddit(int maxPages) =>
        new(Source(SourceTypes.Reddit, 2, maxPages), _http, NullLogger<RedditSource>.Instance);

    private BlueskySource Bluesky(int maxPages) =>
        new(Source(SourceTypes.Bluesky, 2, maxPages), _http, NullLogger<BlueskySource>.Instance);

    private static async Task<List<SourceFetch>> PollAsync(IMentionSource source, SourcePosition position, int polls)
    {
        var fetches = new List<SourceFetch>();
        for (var i = 0; i < polls; i++)
        {
            var fetch = await source.FetchAsync(position, TestContext.Current.CancellationToken);
            fetches.Add(fetch);
            position = fetch.Next;
        }

        return fetches;
    }

    [Fact]
    public async Task Reddit_BurstOfFullPages_FollowsAfterDownToCursor()
    {
        var posts = PagedApis.RedditPosts(Enumerable.Range(1, 9));
        _server.ServePages("/search.json", r => PagedApis.RedditPage(posts, r));

        var fetch = await Reddit(maxPages: 10).FetchAsync(new SourcePosition(PagedApis.HnTime(2).ToString(System.Globalization.CultureInfo.InvariantCulture), null, null), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(2, 8).Select(PagedApis.RedditName), fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.HnTime(9).ToString(System.Globalization.CultureInfo.InvariantCulture), fetch.Next.Cursor);
        Assert.Equal([null, PagedApis.RedditName(8), PagedApis.RedditName(6), PagedApis.RedditName(4), PagedApis.RedditName(2)], Requests("/search.json").Select(r => r.Param("after")));
    }

    [Fact]
    public async Task Reddit_BurstLongerThanMaxPages_GapReadByNextPolls_NoGapNoRepeat()
    {
        var posts = PagedApis.RedditPosts(Enumerable.Range(1, 9));
        _server.ServePages("/search.json", r => PagedApis.RedditPage(posts, r));

        var polls = await PollAsync(Reddit(maxPages: 2), new SourcePosition(PagedApis.HnTime(2).ToString(System.Globalization.CultureInfo.InvariantCulture), null, null), 3);

        Assert.Equal(Enumerable.Range(6, 4).Select(PagedApis.RedditName), polls[0].Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.RedditName(6), PagedCursor.Parse(polls[0].Next.Cursor).Before);
        Assert.Equal(Enumerable.Range(2, 4).Select(PagedApis.RedditName), polls[1].Mentions.Select(m => m.ExternalId));
        Assert.Empty(polls[2].Mentions);
        Assert.Equal(PagedApis.HnTime(9).ToString(System.Globalization.CultureInfo.InvariantCulture), polls[2].Next.Cursor);
        var read = polls.SelectMany(p => p.Mentions).Select(m => m.ExternalId).ToList();
        Assert.Equal(Enumerable.Range(2, 8).Select(PagedApis.RedditName), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bluesky_BurstOfFullPages_FollowsApiCursorDownToSince()
    {
        var posts = PagedApis.BlueskyPosts(Enumerable.Range(1, 9));
        _server.ServePages("/xrpc/app.bsky.feed.searchPosts", r => PagedApis.BlueskyPage(posts, r));

        var fetch = await Bluesky(maxPages: 10).FetchAsync(new SourcePosition(PagedApis.BlueskyTime(2), null, null), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(2, 8).Select(PagedApis.BlueskyUri), fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.BlueskyTime(9), fetch.Next.Cursor);
        var requests = Requests("/xrpc/app.bsky.feed.searchPosts");
        Assert.Equal([null, "2", "4", "6"], requests.Select(r => r.Param("cursor")));
        Assert.All(requests, r => Assert.Equal(PagedApis.BlueskyTime(2), r.Param("since")));
    }

    [Fact]
    public async Task Bluesky_BurstLongerThanMaxPages_GapReadWithUntil_NoGap()
    {
        var posts = PagedApis.BlueskyPosts(Enumerable.Range(1, 9));
        _server.ServePages("/xrpc/app.bsky.feed.searchPosts", r => PagedApis.BlueskyPage(posts, r));

        var polls = await PollAsync(Bluesky(maxPages: 2), new SourcePosition(PagedApis.BlueskyTime(2), null, null), 3);

        Assert.Equal(Enumerable.Range(6, 4).Select(PagedApis.BlueskyUri), polls[0].Mentions.Select(m => m.ExternalId));
        Assert.Equal($"{PagedApis.BlueskyTime(9)}|{PagedApis.BlueskyTime(2)}|{PagedApis.BlueskyTime(6)}", polls[0].Next.Cursor);
        Assert.Equal(PagedApis.Start.AddMinutes(6).AddMilliseconds(1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), Requests("/xrpc/app.bsky.feed.searchPosts")[2].Param("until"));
        Assert.Equal(Enumerable.Range(3, 4).Select(PagedApis.BlueskyUri), polls[1].Mentions.Select(m => m.ExternalId));
        Assert.Equal(Enumerable.Range(2, 2).Select(PagedApis.BlueskyUri), polls[2].Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.BlueskyTime(9), polls[2].Next.Cursor);
        var read = polls.SelectMany(p => p.Mentions).Select(m => m.ExternalId).ToList();
        Assert.Equal(Enumerable.Range(2, 8).Select(PagedApis.BlueskyUri), read.Distinct().Order(StringComparer.Ordinal));
    }

    private XSource X(int maxPages) =>
        new(Source(SourceTypes.X, 10, maxPages, o => o.Token = "x-bearer"), _http, NullLogger<XSource>.Instance);

    [Fact]
    public async Task X_BurstOfPages_FollowsNextTokenDownToSinceId()
    {
        var tweets = PagedApis.Tweets(Enumerable.Range(1, 25));
        _server.ServePages("/2/tweets/search/recent", r => PagedApis.XPage(tweets, r));

        var fetch = await X(maxPages: 10).FetchAsync(new SourcePosition(PagedApis.TweetId(2), null, null), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(3, 23).Select(PagedApis.TweetId), fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.TweetId(25), fetch.Next.Cursor);
        var requests = Requests("/2/tweets/search/recent");
        Assert.Equal([null, "page10", "page20"], requests.Select(r => r.Param("next_token")));
        Assert.All(requests, r => Assert.Equal("Bearer x-bearer", r.Authorization));
        Assert.Equal("@toknell", fetch.Mentions[0].Author);
    }

    [Fact]
    public async Task X_BurstLongerThanMaxPages_GapReadWithUntilId_NoGapNoRepeat()
    {
        var tweets = PagedApis.Tweets(Enumerable.Range(1, 25));
        _server.ServePages("/2/tweets/search/recent", r => PagedApis.XPage(tweets, r));

        var polls = await PollAsync(X(maxPages: 2), new SourcePosition(PagedApis.TweetId(2), null, null), 2);

        Assert.Equal(Enumerable.Range(6, 20).Select(PagedApis.TweetId), polls[0].Mentions.Select(m => m.ExternalId));
        Assert.Equal($"{PagedApis.TweetId(25)}|{PagedApis.TweetId(2)}|{PagedApis.TweetId(6)}", polls[0].Next.Cursor);
        Assert.Equal(PagedApis.TweetId(6), Requests("/2/tweets/search/recent")[2].Param("until_id"));
        Assert.Equal(Enumerable.Range(3, 3).Select(PagedApis.TweetId), polls[1].Mentions.Select(m => m.ExternalId));
        Assert.Equal(PagedApis.TweetId(25), polls[1].Next.Cursor);
    }

    [Fact]
    public async Task Mastodon_Notifications_MentionsOfTheAccountPagedByNotificationId()
    {
        var ct = TestContext.Current.CancellationToken;
        var notifications = PagedApis.MastodonNotifications(PagedApis.MastodonStatuses(5));
        _server.ServePages("/api/v1/notifications", r => PagedApis.MastodonPage(notifications, r, _server.BaseUrl));
        var source = new MastodonSource(
            Source(SourceTypes.Mastodon, 2, 10, o => { o.Query = null; o.Notifications = true; o.Token = "masto-token"; }), _http, NullLogger<MastodonSource>.Instance);

        var fetch = await source.FetchAsync(new SourcePosition("3401", null, null), ct);

        Assert.Equal(Enumerable.Range(2, 4).Select(PagedApis.MastodonId), fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal("3405", fetch.Next.Cursor);
        var requests = Requests("/api/v1/notifications");
        Assert.All(requests, r => Assert.Equal("Bearer masto-token", r.Authorization));
        Assert.Equal("mention", requests[0].Param("types[]"));
        Assert.Equal(["3401", "3403", "3405"], requests.Select(r => r.Param("min_id")));
    }

    [Fact]
    public void PagedCursor_PlainAndWithGap_RoundTrip()
    {
        var plain = PagedCursor.Parse("1795707012");
        var gap = PagedCursor.Parse("1795707900|1795707012|1795707300");

        Assert.False(plain.HasGap);
        Assert.Equal("1795707012", plain.Format());
        Assert.True(gap.HasGap);
        Assert.Equal(("1795707900", "1795707012", "1795707300"), (gap.Newest, gap.Floor, gap.Before));
        Assert.Equal("1795707900|1795707012|1795707300", gap.Format());
        Assert.Null(PagedCursor.Parse(null).Format());
    }

    [Fact]
    public void LinkHeader_MastodonLinks_PrevOnSameOriginOnly()
    {
        var origin = new Uri("https://mastodon.example/api/v1/timelines/tag/lumio?limit=40");
        const string header = "<https://mastodon.example/api/v1/timelines/tag/lumio?limit=40&max_id=113570000000000101>; rel=\"next\", <https://mastodon.example/api/v1/timelines/tag/lumio?limit=40&min_id=113570000000000109>; rel=\"prev\"";

        Assert.Equal("https://mastodon.example/api/v1/timelines/tag/lumio?limit=40&min_id=113570000000000109", LinkHeader.Find(header, "prev", origin)!.ToString());
        Assert.Contains("max_id", LinkHeader.Find(header, "next", origin)!.Query, StringComparison.Ordinal);
        Assert.Null(LinkHeader.Find(header.Replace("mastodon.example", "evil.example", StringComparison.Ordinal), "prev", origin));
        Assert.Null(LinkHeader.Find(null, "prev", origin));
    }
}
