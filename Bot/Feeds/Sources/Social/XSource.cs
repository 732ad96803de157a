using System.Globalization;
using CmBot.Bot.Feeds.Sources.Paging;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// X (Twitter) recent search (<c>/2/tweets/search/recent</c>, bearer token, newest first). The cursor is the largest
/// tweet id in <c>data</c>, sent as <c>since_id</c>; <c>meta.newest_id</c> is not used because it may count expanded
/// tweets. While <c>meta.next_token</c> is given, the following pages are read back to <c>since_id</c>, up to
/// <see cref="FeedSourceOptions.MaxPages"/>; a longer burst keeps the gap in the <see cref="PagedCursor"/> and the
/// next polls read it with <c>until_id</c> = the oldest tweet read. A retweet is a copy of the original (its full
/// text), by the retweeter.
/// </summary>
public sealed partial class XSource(ConfiguredSource source, HttpClient http, ILogger<XSource> logger) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var cursor = PagedCursor.Parse(since.Cursor);
        var floor = cursor.HasGap ? cursor.Floor : cursor.Newest;
        var until = cursor.HasGap ? cursor.Before : null;
        var items = new List<(string Id, MentionInput Mention)>();
        var skipped = 0;
        var more = false;
        string? token = null;
        SourcePosition? next = null;
        for (var page = 1; ; page++)
        {
            var url = FeedHttp.Build(
                o.Url!, "/2/tweets/search/recent", ("query", o.Query),
                ("max_results", Math.Clamp(o.MaxItems, 10, 100).ToString(CultureInfo.InvariantCulture)), ("since_id", floor), ("until_id", until),
                ("next_token", token), ("tweet.fields", "created_at,lang,author_id,note_tweet,referenced_tweets"), ("expansions", "author_id,referenced_tweets.id"), ("user.fields", "username,public_metrics"));
            var plain = page == 1 && !cursor.HasGap;
            var response = await FeedHttp.GetAsync(http, url, plain ? since : SourcePosition.Start, o.MaxBytes, o.Token, cancellationToken);
            next ??= since with { ETag = plain ? response.ETag : since.ETag, LastModified = plain ? response.LastModified : since.LastModified };
            if (response.NotModified)
            {
                return new SourceFetch([], next, NotModified: true);
            }

            var (read, count, nextToken) = Read(response.Body);
            skipped += count - read.Count;
            items.AddRange(read);
            if (floor is null || nextToken is null || count == 0)
            {
                break;
            }

            if (page >= o.MaxPages)
            {
                more = items.Count > 0;
                break;
            }

            token = nextToken;
        }

        items.Sort((a, b) => JsonFields.CompareIds(a.Id, b.Id));
        var mentions = items.DistinctBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Mention).ToList();
        var newest = cursor.HasGap ? cursor.Newest : items.Count > 0 ? items[^1].Id : cursor.Newest;
        var resume = more ? new PagedCursor(newest, floor, items[0].Id) : new PagedCursor(newest);
        if (more)
        {
            LogCutShort(Name, o.MaxPages, resume.Floor, resume.Before);
        }

        return new SourceFetch(mentions, next with { Cursor = resume.Format() }, Skipped: skipped);
    }

    private (List<(string Id, MentionInput Mention)> Items, int Count, string? NextToken) Read(byte[] body)
    {
        var o = source.Options;
        using var document = JsonFields.ParseBody(body, "the X answer");
        var root = document.RootElement;
        var users = root.Get("includes")?.Get("users").Array()
            .Where(u => u.Str("id") is not null)
            .GroupBy(u => u.Str("id")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Name: g.First().Str("username"), Followers: g.First().Get("public_metrics")?.Long("followers_count")), StringComparer.Ordinal)
            ?? [];
        var referenced = root.Get("includes")?.Get("tweets").Array()
            .Where(t => t.Str("id") is not null && FullText(t) is not null)
            .GroupBy(t => t.Str("id")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => FullText(g.First())!, StringComparer.Ordinal)
            ?? [];
        var items = new List<(string Id, MentionInput Mention)>();
        var count = 0;
        foreach (var tweet in root.Get("data").Array())
        {
            count++;
            var id = tweet.Str("id");

            // A retweet's own text is "RT @author: " and the start of the original, cut at 140 characters with "…":
            // it reads as a copy of the original (full text from includes.tweets), like a Mastodon boost.
            var retweeted = tweet.Get("referenced_tweets").Array().FirstOrDefault(r => r.Str("type") == "retweeted").Str("id");
            var text = retweeted is not null && referenced.TryGetValue(retweeted, out var original) ? original : FullText(tweet);

            // created_at only comes when tweet.fields asks for it; the id (a snowflake) always carries the time.
            var created = tweet.Date("created_at") ?? JsonFields.SnowflakeTime(id);
            if (id is null || string.IsNullOrWhiteSpace(text) || created is null)
            {
                LogSkipped(Name, id ?? "?", id is null ? "no id" : created is null ? "no readable created_at" : "empty text");
                continue;
            }

            // Without the author expansion the handle is unknown: x.com/i/web/status/{id} still opens the tweet.
            var user = tweet.Str("author_id") is { } authorId && users.TryGetValue(authorId, out var u) ? u : (Name: (string?)null, Followers: (long?)null);
            items.Add((id, new MentionInput(
                Name, id, user.Name is null ? $"https://x.com/i/web/status/{id}" : $"https://x.com/{user.Name}/status/{id}",
                user.Name is null ? "?" : "@" + user.Name, JsonFields.Reach(user.Followers),
                JsonFields.Cut(System.Net.WebUtility.HtmlDecode(text)), JsonFields.LanguageOr(tweet.Str("lang"), o.Language), created.Value)));
        }

        return (items, count, root.Get("meta")?.Str("next_token"));
    }

    /// <summary>The text, or for a post longer than 280 characters its full <c>note_tweet</c> text ("text" is then cut).</summary>
    private static string? FullText(System.Text.Json.JsonElement tweet) =>
        tweet.Get("note_tweet")?.Str("text") is { Length: > 0 } note ? note : tweet.Str("text");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}: tweet {Id} skipped: {Reason}")]
    private partial void LogSkipped(string source, string id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: burst longer than {Pages} pages; tweets between {Floor} and {Before} are read by the next polls")]
    private partial void LogCutShort(string source, int pages, string? floor, string? before);
}
