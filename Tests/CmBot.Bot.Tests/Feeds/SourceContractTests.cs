using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Feeds.Sources.Rss;
using CmBot.Bot.Feeds.Sources.Social;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>
/// RSS against real feed captures, and the social sources against the payloads written from each API's documentation
/// (Fixtures/Feeds, second table of SOURCES.md), kept for what the real recordings in <see cref="RecordedSourceContractTests"/>
/// cannot show: a malformed item and the Bluesky search envelope with its cursor.
/// </summary>
public sealed class SourceContractTests : IAsyncLifetime
{
    private FakeFeedServer _server = null!;
    private readonly HttpClient _http = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync() => _server = await FakeFeedServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private ConfiguredSource Source(string name, string type, Action<FeedSourceOptions>? configure = null)
    {
        var options = new FeedSourceOptions { Type = type, Url = _server.BaseUrl.ToString().TrimEnd('/'), Query = "lumio" };
        configure?.Invoke(options);
        var source = new ConfiguredSource(name, options);
        FeedSourcesConfiguration.Validate(source);
        return source;
    }

    [Fact]
    public async Task Rss_ConditionalGet_SecondFetchIsNotModifiedAndParsesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.ServeFile("/alerts", "google_alerts_atom.xml", "application/atom+xml");
        var source = new RssSource(Source("alerts", SourceTypes.Rss, o => o.Url = _server.Url("/alerts").ToString()), _http, _time, NullLogger<RssSource>.Instance);

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        var second = await source.FetchAsync(first.Next, ct);

        Assert.Equal(20, first.Mentions.Count);
        Assert.NotNull(first.Next.ETag);
        Assert.NotNull(first.Next.LastModified);
        Assert.True(second.NotModified);
        Assert.Empty(second.Mentions);
        Assert.Equal(first.Next.Cursor, second.Next.Cursor);
        var requests = _server.Requests.ToList();
        Assert.Null(requests[0].IfNoneMatch);
        Assert.Equal(first.Next.ETag, requests[1].IfNoneMatch);
        Assert.NotNull(requests[1].IfModifiedSince);
    }

    [Fact]
    public async Task Rss_ServerError_SourceExceptionNamesStatus()
    {
        _server.ServeFile("/alerts", "google_alerts_atom.xml", "application/atom+xml");
        _server.Failures.Enqueue(503);
        var source = new RssSource(Source("alerts", SourceTypes.Rss, o => o.Url = _server.Url("/alerts").ToString()), _http, _time, NullLogger<RssSource>.Instance);

        var error = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rss_BodyOverLimit_Refused()
    {
        _server.ServeFile("/big", "reddit.rss", "application/rss+xml");
        var source = new RssSource(Source("big", SourceTypes.Rss, o => { o.Url = _server.Url("/big").ToString(); o.MaxBytes = 2048; }), _http, _time, NullLogger<RssSource>.Instance);

        var error = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken));

        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mastodon_TagTimeline_StatusesOldestFirstBoostUnwrappedMinIdCursor()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.ServeFile("/api/v1/timelines/tag/lumio", "mastodon-tag.json", "application/json");
        var source = new MastodonSource(Source("masto", SourceTypes.Mastodon, o => { o.Tag = "#lumio"; o.Query = null; }), _http, NullLogger<MastodonSource>.Instance);

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        await source.FetchAsync(first.Next with { ETag = null }, ct);

        Assert.Equal(["113570000000000002", "113570000000000003"], first.Mentions.Select(m => m.ExternalId));
        Assert.Equal(1, first.Skipped);
        var boost = first.Mentions[0];
        Assert.StartsWith("Loving the new #lumio Barista One", boost.Text, StringComparison.Ordinal);
        Assert.Equal("en", boost.Language);
        var status = first.Mentions[1];
        Assert.Equal("Ma bouilloire #Lumio K2 a fondu hier soir : odeur de brûlé et plastique déformé. C'est dangereux !", status.Text);
        Assert.Equal("@kettlefan", status.Author);
        Assert.Equal(140, status.AuthorReach);
        Assert.Equal("fr", status.Language);
        Assert.Equal("113570000000000003", first.Next.Cursor);
        var requests = _server.Requests.ToList();
        Assert.Null(requests[0].Param("min_id"));
        Assert.Equal("113570000000000003", requests[1].Param("min_id"));
        Assert.Null(requests[0].Authorization);
    }

    [Fact]
    public async Task Mastodon_SearchWithToken_BearerSentAndStatusesRead()
    {
        var body = "{\"accounts\":[],\"hashtags\":[],\"statuses\":" + File.ReadAllText(FakeFeedServer.Fixture("mastodon-tag.json")) + "}";
        _server.Serve("/api/v2/search", System.Text.Encoding.UTF8.GetBytes(body), "application/json");
        var source = new MastodonSource(Source("masto", SourceTypes.Mastodon, o => o.Token = "masto-token"), _http, NullLogger<MastodonSource>.Instance);

        var fetch = await source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken);

        Assert.Equal(2, fetch.Mentions.Count);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer masto-token", request.Authorization);
        Assert.Equal("statuses", request.Param("type"));
        Assert.Equal("lumio", request.Param("q"));
    }

    [Fact]
    public async Task Bluesky_SearchPosts_PostsReadAndSinceCursorSent()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.ServeFile("/xrpc/app.bsky.feed.searchPosts", "bluesky-searchposts.json", "application/json");
        var source = new BlueskySource(Source("sky", SourceTypes.Bluesky), _http, NullLogger<BlueskySource>.Instance);

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        await source.FetchAsync(first.Next with { ETag = null }, ct);

        Assert.Equal(2, first.Mentions.Count);
        Assert.Equal(1, first.Skipped);
        var newest = first.Mentions[^1];
        Assert.Equal("at://did:plc:abc123xyz/app.bsky.feed.post/3lbx2k4abcd2s", newest.ExternalId);
        Assert.Equal("https://bsky.app/profile/marie.bsky.social/post/3lbx2k4abcd2s", newest.Url);
        Assert.Equal("fr", newest.Language);
        Assert.Equal(15, newest.AuthorReach);
        Assert.Equal("2026-11-26T15:20:03.120Z", first.Next.Cursor);
        var requests = _server.Requests.ToList();
        Assert.Equal("latest", requests[0].Param("sort"));
        Assert.Null(requests[0].Param("since"));
        Assert.Equal("2026-11-26T15:20:03.120Z", requests[1].Param("since"));
    }

    [Fact]
    public async Task HackerNews_SearchByDate_CommentsAndStoriesWithCreatedAtFilter()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.ServeFile("/api/v1/search_by_date", "hackernews-search-by-date.json", "application/json");
        var source = new HackerNewsSource(Source("hn", SourceTypes.HackerNews), _http, NullLogger<HackerNewsSource>.Instance);

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        await source.FetchAsync(first.Next with { ETag = null }, ct);

        Assert.Equal(["42170001", "42170123"], first.Mentions.Select(m => m.ExternalId));
        Assert.Equal("Ask HN: Has anyone had a kettle catch fire? — My Lumio K2 started smoking this morning. Is this a known issue?", first.Mentions[0].Text);
        Assert.Equal(37, first.Mentions[0].AuthorReach);
        Assert.Equal("I had a Lumio K2 too – the base melted after two months. They should recall it. Filed a complaint with the consumer agency.", first.Mentions[1].Text);
        Assert.Equal("https://news.ycombinator.com/item?id=42170123", first.Mentions[1].Url);
        Assert.Equal("1795707012", first.Next.Cursor);
        var requests = _server.Requests.ToList();
        Assert.Null(requests[0].Param("numericFilters"));
        Assert.Equal("created_at_i>1795707011", requests[1].Param("numericFilters"));
        Assert.Equal("(story,comment)", requests[1].Param("tags"));
    }

    [Fact]
    public async Task JsonSource_NotJson_SourceException()
    {
        _server.Serve("/search.json", "<html>rate limited</html>"u8.ToArray(), "text/html");
        var source = new RedditSource(Source("reddit", SourceTypes.Reddit), _http, NullLogger<RedditSource>.Instance);

        var error = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
