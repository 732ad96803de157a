using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>
/// Emulates the paging of the Mastodon, HN Algolia, Reddit, Bluesky and X search APIs over a list of items derived
/// from the recorded responses in Fixtures/Feeds/recorded (each item is a copy of a real recorded object with a new
/// id, date and text), so a burst of several full pages can be served on 127.0.0.1.
/// </summary>
public static class PagedApis
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    /// <summary>Status <paramref name="n"/>: id 1135700000000001nn, one minute apart.</summary>
    public static string MastodonId(int n) => (113570000000000100L + n).ToString(CultureInfo.InvariantCulture);

    public static long HnTime(int n) => Start.AddMinutes(n).ToUnixTimeSeconds();

    public static string HnId(int n) => (42170200 + n).ToString(CultureInfo.InvariantCulture);

    public static List<JsonObject> MastodonStatuses(int count)
    {
        var template = JsonNode.Parse(File.ReadAllText(Recorded("mastodon-tag-timeline.json")))!.AsArray()[0]!.AsObject();
        return [.. Enumerable.Range(1, count).Select(n =>
        {
            var status = template.DeepClone().AsObject();
            status["id"] = MastodonId(n);
            status["created_at"] = Start.AddMinutes(n).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            status["url"] = $"https://mastodon.example/@kettlefan/{MastodonId(n)}";
            status["content"] = $"<p>Message {n} : ma bouilloire #Lumio K2 chauffe encore, numéro {n}.</p>";
            return status;
        })];
    }

    /// <summary>
    /// <c>GET /api/v1/timelines/tag/:tag</c>: with <c>min_id</c>, the <c>limit</c> statuses just after it; without,
    /// the newest <c>limit</c>; newest first, with Mastodon's <c>Link</c> header (next = older, prev = newer).
    /// </summary>
    public static PagedAnswer MastodonPage(IReadOnlyList<JsonObject> statuses, FeedRequest request, Uri baseUrl)
    {
        var limit = int.Parse(request.Param("limit") ?? "20", CultureInfo.InvariantCulture);
        var minId = request.Param("min_id");
        var ordered = statuses.OrderBy(s => long.Parse((string)s["id"]!, CultureInfo.InvariantCulture)).ToList();
        var page = minId is null
            ? ordered.TakeLast(limit).ToList()
            : ordered.Where(s => long.Parse((string)s["id"]!, CultureInfo.InvariantCulture) > long.Parse(minId, CultureInfo.InvariantCulture)).Take(limit).ToList();
        page.Reverse();
        string? link = null;
        if (page.Count > 0)
        {
            var path = new Uri(baseUrl, request.Path);
            link = $"<{path}?limit={limit}&max_id={page[^1]["id"]}>; rel=\"next\", <{path}?limit={limit}&min_id={page[0]["id"]}>; rel=\"prev\"";
        }

        return new PagedAnswer(Encoding.UTF8.GetBytes(new JsonArray([.. page.Select(s => s.DeepClone())]).ToJsonString()), link);
    }

    public static List<JsonObject> HnHits(IEnumerable<int> numbers)
    {
        var template = JsonNode.Parse(File.ReadAllText(Recorded("hackernews-algolia-fixtures.json")))!.AsArray()
            .Single(e => (string?)e!["url"] == "/api/v1/search_by_date?hitsPerPage=1&tags=(comment)&query=apple")!["reply"]!["hits"]!.AsArray()[0]!.AsObject();
        return [.. numbers.Select(n =>
        {
            var hit = template.DeepClone().AsObject();
            hit["objectID"] = HnId(n);
            hit["created_at_i"] = HnTime(n);
            hit["created_at"] = DateTimeOffset.FromUnixTimeSeconds(HnTime(n)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            hit["author"] = $"reader{n}";
            hit["comment_text"] = $"My Lumio K2 did it too (report {n}): the base <i>melted</i>.";
            return hit;
        })];
    }

    /// <summary>
    /// <c>GET /api/v1/search_by_date</c>: <c>numericFilters</c> (<c>created_at_i&gt;x</c>, <c>created_at_i&lt;y</c>,
    /// comma = and), newest first, <c>page</c> of <c>hitsPerPage</c>, with <c>nbHits</c>/<c>nbPages</c>.
    /// </summary>
    public static PagedAnswer HnPage(IReadOnlyList<JsonObject> hits, FeedRequest request)
    {
        var perPage = int.Parse(request.Param("hitsPerPage") ?? "20", CultureInfo.InvariantCulture);
        var page = int.Parse(request.Param("page") ?? "0", CultureInfo.InvariantCulture);
        IEnumerable<JsonObject> matching = hits;
        foreach (var filter in (request.Param("numericFilters") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var above = filter.Split('>');
            var below = filter.Split('<');
            if (above.Length == 2)
            {
                var bound = long.Parse(above[1], CultureInfo.InvariantCulture);
                matching = matching.Where(h => (long)h["created_at_i"]! > bound);
            }
            else if (below.Length == 2)
            {
                var bound = long.Parse(below[1], CultureInfo.InvariantCulture);
                matching = matching.Where(h => (long)h["created_at_i"]! < bound);
            }
        }

        var all = matching.OrderByDescending(h => (long)h["created_at_i"]!).ToList();
        var body = new JsonObject
        {
            ["hits"] = new JsonArray([.. all.Skip(page * perPage).Take(perPage).Select(h => h.DeepClone())]),
            ["nbHits"] = all.Count,
            ["page"] = page,
            ["nbPages"] = (all.Count + perPage - 1) / perPage,
            ["hitsPerPage"] = perPage,
            ["exhaustiveNbHits"] = true,
            ["query"] = request.Param("query"),
            ["processingTimeMS"] = 1,
        };
        return new PagedAnswer(Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    public static string RedditName(int n) => $"t3_1h0p{n:00}";

    public static string BlueskyUri(int n) => $"at://did:plc:abc123xyz/app.bsky.feed.post/3lbxp{n:00}";

    public static string BlueskyTime(int n) => Start.AddMinutes(n).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static List<JsonObject> RedditPosts(IEnumerable<int> numbers)
    {
        var template = JsonNode.Parse(File.ReadAllText(Recorded("reddit-search-praw.json")))!["data"]!["children"]!.AsArray()[0]!.AsObject();
        return [.. numbers.Select(n =>
        {
            var child = template.DeepClone().AsObject();
            var post = child["data"]!.AsObject();
            post["name"] = RedditName(n);
            post["id"] = RedditName(n)[3..];
            post["created_utc"] = (double)HnTime(n);
            post["title"] = $"Lumio K2 kettle problem #{n}";
            post["permalink"] = $"/r/BuyItForLife/comments/{RedditName(n)[3..]}/lumio_k2_kettle_problem/";
            return child;
        })];
    }

    /// <summary><c>GET /search.json?sort=new</c>: newest first, <c>limit</c> posts after the <c>after</c> fullname; <c>data.after</c> while more remain.</summary>
    public static PagedAnswer RedditPage(IReadOnlyList<JsonObject> posts, FeedRequest request)
    {
        var limit = int.Parse(request.Param("limit") ?? "25", CultureInfo.InvariantCulture);
        var ordered = posts.OrderByDescending(p => (double)p["data"]!["created_utc"]!).ToList();
        var start = request.Param("after") is { } after ? ordered.FindIndex(p => (string?)p["data"]!["name"] == after) + 1 : 0;
        var page = ordered.Skip(start).Take(limit).ToList();
        var more = start + page.Count < ordered.Count;
        var body = new JsonObject
        {
            ["kind"] = "Listing",
            ["data"] = new JsonObject
            {
                ["after"] = more && page.Count > 0 ? (string?)page[^1]["data"]!["name"] : null,
                ["dist"] = page.Count,
                ["children"] = new JsonArray([.. page.Select(p => p.DeepClone())]),
                ["before"] = null,
            },
        };
        return new PagedAnswer(Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    public static List<JsonObject> BlueskyPosts(IEnumerable<int> numbers)
    {
        var template = JsonNode.Parse(File.ReadAllText(Recorded("bluesky-posts-twitwi.json")))!.AsArray()[0]!.AsObject();
        return [.. numbers.Select(n =>
        {
            var post = template.DeepClone().AsObject();
            post["uri"] = BlueskyUri(n);
            post["record"]!["createdAt"] = BlueskyTime(n);
            post["record"]!["text"] = $"Ma bouilloire Lumio K2 a encore chauffé, message {n}.";
            post["indexedAt"] = BlueskyTime(n);
            return post;
        })];
    }

    /// <summary>
    /// <c>app.bsky.feed.searchPosts?sort=latest</c>: <c>since</c> inclusive, <c>until</c> exclusive, newest first,
    /// <c>limit</c> per page, an offset <c>cursor</c> while more remain.
    /// </summary>
    public static PagedAnswer BlueskyPage(IReadOnlyList<JsonObject> posts, FeedRequest request)
    {
        var limit = int.Parse(request.Param("limit") ?? "25", CultureInfo.InvariantCulture);
        var offset = int.Parse(request.Param("cursor") ?? "0", CultureInfo.InvariantCulture);
        var since = request.Param("since");
        var until = request.Param("until");
        var matching = posts
            .Where(p => since is null || string.CompareOrdinal((string)p["record"]!["createdAt"]!, since) >= 0)
            .Where(p => until is null || string.CompareOrdinal((string)p["record"]!["createdAt"]!, until) < 0)
            .OrderByDescending(p => (string)p["record"]!["createdAt"]!, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        var body = new JsonObject
        {
            ["cursor"] = offset + page.Count < matching.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null,
            ["hitsTotal"] = matching.Count,
            ["posts"] = new JsonArray([.. page.Select(p => p.DeepClone())]),
        };
        return new PagedAnswer(Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    public static string TweetId(int n) => (1861450000000000100L + n).ToString(CultureInfo.InvariantCulture);

    public static List<JsonObject> Tweets(IEnumerable<int> numbers)
    {
        // A recorded reply (not a retweet) with every field CmBot asks for; its author is in the recorded includes.users.
        var template = JsonNode.Parse(File.ReadAllText(Recorded("x-search-twitwi.json")))!["data"]!.AsArray()
            .Single(t => (string?)t!["id"] == "1383054846186639361")!.AsObject();
        return [.. numbers.Select(n =>
        {
            var tweet = template.DeepClone().AsObject();
            tweet["id"] = TweetId(n);
            tweet["edit_history_tweet_ids"] = new JsonArray(TweetId(n));
            tweet["created_at"] = BlueskyTime(n);
            tweet["text"] = $"Ma bouilloire Lumio K2 surchauffe aussi &amp; ça sent le brûlé ({n}).";
            return tweet;
        })];
    }

    /// <summary>
    /// <c>GET /2/tweets/search/recent</c>: <c>since_id</c> and <c>until_id</c> exclusive, newest first,
    /// <c>max_results</c> per page (10..100), <c>meta.next_token</c> while more remain.
    /// </summary>
    public static PagedAnswer XPage(IReadOnlyList<JsonObject> tweets, FeedRequest request)
    {
        var max = int.Parse(request.Param("max_results") ?? "10", CultureInfo.InvariantCulture);
        var offset = request.Param("next_token") is { } token ? int.Parse(token[4..], CultureInfo.InvariantCulture) : 0;
        var sinceId = request.Param("since_id") is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : long.MinValue;
        var untilId = request.Param("until_id") is { } u ? long.Parse(u, CultureInfo.InvariantCulture) : long.MaxValue;
        var matching = tweets
            .Where(t => long.Parse((string)t["id"]!, CultureInfo.InvariantCulture) is var id && id > sinceId && id < untilId)
            .OrderByDescending(t => long.Parse((string)t["id"]!, CultureInfo.InvariantCulture))
            .ToList();
        var page = matching.Skip(offset).Take(max).ToList();
        var users = new JsonObject { ["users"] = JsonNode.Parse(File.ReadAllText(Recorded("x-search-twitwi.json")))!["includes"]!["users"]!.DeepClone() };
        var meta = new JsonObject { ["result_count"] = page.Count };
        if (page.Count > 0)
        {
            meta["newest_id"] = (string?)page[0]["id"];
            meta["oldest_id"] = (string?)page[^1]["id"];
        }

        if (offset + page.Count < matching.Count)
        {
            meta["next_token"] = "page" + (offset + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        var body = new JsonObject { ["data"] = new JsonArray([.. page.Select(t => t.DeepClone())]), ["includes"] = users, ["meta"] = meta };
        return new PagedAnswer(Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    /// <summary><c>GET /api/v1/notifications?types[]=mention</c>: each status wrapped in a copy of the recorded mention notification.</summary>
    public static List<JsonObject> MastodonNotifications(IEnumerable<JsonObject> statuses)
    {
        var template = JsonNode.Parse(File.ReadAllText(Recorded("mastodon-notifications-mention.json")))!.AsArray()[0]!.AsObject();
        return [.. statuses.Select((status, i) =>
        {
            var notification = template.DeepClone().AsObject();
            notification["id"] = (3400 + i + 1).ToString(CultureInfo.InvariantCulture);
            notification["created_at"] = status["created_at"]!.DeepClone();
            notification["account"] = status["account"]!.DeepClone();
            notification["status"] = status.DeepClone();
            return notification;
        })];
    }

    private static string Recorded(string name) => FakeFeedServer.Fixture(Path.Combine("recorded", name));
}
