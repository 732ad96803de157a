using System.Globalization;
using CmBot.Bot.Feeds.Sources.Paging;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// Reddit search JSON (<c>/search.json?sort=new</c>, newest first). Reddit's <c>before</c> paging is unreliable for
/// searches, so the cursor is the newest <c>created_utc</c> seen and older posts are dropped here; posts from that
/// same second come back and are recognised by id. A full page whose posts are all newer than the cursor means a
/// burst: the listing's <c>after</c> token is followed, up to <see cref="FeedSourceOptions.MaxPages"/> pages; a
/// longer burst keeps the gap in the <see cref="PagedCursor"/> (its <c>Before</c> is the oldest post's fullname,
/// the <c>after</c> the next polls start from).
/// </summary>
public sealed partial class RedditSource(ConfiguredSource source, HttpClient http, ILogger<RedditSource> logger) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var cursor = PagedCursor.Parse(since.Cursor);
        var floor = PagedCursor.AsLong(cursor.HasGap ? cursor.Floor : cursor.Newest);
        var limit = Math.Min(o.MaxItems, 100);
        var after = cursor.HasGap ? cursor.Before : null;
        var items = new List<(long Created, MentionInput Mention)>();
        var skipped = 0;
        var more = false;
        SourcePosition? next = null;
        for (var page = 1; ; page++)
        {
            var url = FeedHttp.Build(
                o.Url!, "/search.json", ("q", o.Query), ("sort", "new"), ("raw_json", "1"),
                ("limit", limit.ToString(CultureInfo.InvariantCulture)), ("after", after));
            var plain = page == 1 && !cursor.HasGap;
            var response = await FeedHttp.GetAsync(http, url, plain ? since : SourcePosition.Start, o.MaxBytes, o.Token, cancellationToken);
            next ??= since with { ETag = plain ? response.ETag : since.ETag, LastModified = plain ? response.LastModified : since.LastModified };
            if (response.NotModified)
            {
                return new SourceFetch([], next, NotModified: true);
            }

            var read = Read(response.Body, floor ?? long.MinValue);
            skipped += read.Skipped;
            items.AddRange(read.Items);
            var reachedFloor = read.Oldest is { } oldest && floor is { } f && oldest < f;
            if (floor is null || reachedFloor || read.Count < limit || read.After is null)
            {
                break;
            }

            if (page >= o.MaxPages)
            {
                more = true;
                after = read.After;
                break;
            }

            after = read.After;
        }

        items.Sort((a, b) => a.Created.CompareTo(b.Created));
        var mentions = items.DistinctBy(i => i.Mention.ExternalId, StringComparer.Ordinal).Select(i => i.Mention).ToList();
        var newestRead = items.Count > 0 ? items[^1].Created.ToString(CultureInfo.InvariantCulture) : null;
        var newest = cursor.HasGap ? cursor.Newest : newestRead ?? cursor.Newest;
        var resume = more ? new PagedCursor(newest, cursor.HasGap ? cursor.Floor : cursor.Newest, after) : new PagedCursor(newest);
        if (more)
        {
            LogCutShort(Name, o.MaxPages, resume.Floor, after);
        }

        return new SourceFetch(mentions, next with { Cursor = resume.Format() }, Skipped: skipped);
    }

    private sealed record Page(List<(long Created, MentionInput Mention)> Items, int Count, int Skipped, long? Oldest, string? After);

    private Page Read(byte[] body, long floor)
    {
        var o = source.Options;
        using var document = JsonFields.ParseBody(body, "the Reddit answer");
        var listing = document.RootElement.Get("data");
        var items = new List<(long Created, MentionInput Mention)>();
        var count = 0;
        var skipped = 0;
        long? oldest = null;
        foreach (var child in listing?.Get("children").Array() ?? [])
        {
            count++;

            // A search can mix kinds (t5 subreddits with type=sr,link); only t3 posts are mentions.
            if (child.Str("kind") is { } kind && kind != "t3")
            {
                skipped++;
                LogSkipped(Name, child.Get("data")?.Str("name") ?? "?", $"not a post (kind {kind})");
                continue;
            }

            var post = child.Get("data");
            var id = post?.Str("name");
            var created = post?.Long("created_utc");
            if (created is { } c)
            {
                oldest = oldest is { } o2 ? Math.Min(o2, c) : c;
            }

            var title = post?.Str("title") ?? string.Empty;
            var text = HtmlText.ToPlainText(post?.Str("selftext")) is { Length: > 0 } selftext && selftext is not ("[removed]" or "[deleted]")
                ? $"{title} — {selftext}"
                : title;
            if (post is null || id is null || created is null || string.IsNullOrWhiteSpace(text))
            {
                skipped++;
                LogSkipped(Name, id ?? "?", post is null ? "no data" : id is null ? "no name" : created is null ? "no created_utc" : "no text");
                continue;
            }

            if (created.Value < floor)
            {
                continue;
            }

            var permalink = post.Value.Str("permalink");
            items.Add((created.Value, new MentionInput(
                Name, id, permalink is null ? post.Value.Str("url") : "https://www.reddit.com" + permalink, "u/" + (post.Value.Str("author") ?? "?"),
                JsonFields.Reach(post.Value.Long("subreddit_subscribers")), JsonFields.Cut(text), o.Language is { Length: > 0 } l ? l : null,
                DateTimeOffset.FromUnixTimeSeconds(created.Value))));
        }

        return new Page(items, count, skipped, oldest, listing?.Str("after"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}: post {Id} skipped: {Reason}")]
    private partial void LogSkipped(string source, string id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: burst longer than {Pages} pages; posts between {Floor} and {After} are read by the next polls")]
    private partial void LogCutShort(string source, int pages, string? floor, string? after);
}
