using System.Globalization;
using CmBot.Bot.Feeds.Sources.Paging;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// Bluesky post search (<c>/xrpc/app.bsky.feed.searchPosts</c>, newest first). CmBot's cursor is the newest post's
/// creation time, sent as <c>since</c> (inclusive; the post seen last time comes back and is recognised by its id).
/// A full page with an API <c>cursor</c> means a burst: that cursor is followed back in time, down to
/// <c>since</c>, up to <see cref="FeedSourceOptions.MaxPages"/> pages; a longer burst keeps the gap in the
/// <see cref="PagedCursor"/> and the next polls read it with <c>until</c> = the oldest post read (+1 ms).
/// </summary>
public sealed partial class BlueskySource(ConfiguredSource source, HttpClient http, ILogger<BlueskySource> logger) : IMentionSource
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var cursor = PagedCursor.Parse(since.Cursor);
        var floor = cursor.HasGap ? cursor.Floor : cursor.Newest;
        string? until = null;
        if (cursor.HasGap && DateTimeOffset.TryParse(cursor.Before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var before))
        {
            until = before.UtcDateTime.AddMilliseconds(1).ToString(DateFormat, CultureInfo.InvariantCulture);
        }

        var limit = Math.Min(o.MaxItems, 100);
        var items = new List<MentionInput>();
        var skipped = 0;
        var more = false;
        string? apiCursor = null;
        SourcePosition? next = null;
        for (var page = 1; ; page++)
        {
            var url = FeedHttp.Build(
                o.Url!, "/xrpc/app.bsky.feed.searchPosts", ("q", o.Query), ("sort", "latest"),
                ("limit", limit.ToString(CultureInfo.InvariantCulture)), ("since", floor), ("until", until), ("cursor", apiCursor));
            var plain = page == 1 && !cursor.HasGap;
            var response = await FeedHttp.GetAsync(http, url, plain ? since : SourcePosition.Start, o.MaxBytes, o.Token, cancellationToken);
            next ??= since with { ETag = plain ? response.ETag : since.ETag, LastModified = plain ? response.LastModified : since.LastModified };
            if (response.NotModified)
            {
                return new SourceFetch([], next, NotModified: true);
            }

            var (read, count, nextCursor) = Read(response.Body);
            skipped += count - read.Count;
            items.AddRange(read);
            if (floor is null || count < limit || nextCursor is null)
            {
                break;
            }

            if (page >= o.MaxPages)
            {
                more = items.Count > 0;
                break;
            }

            apiCursor = nextCursor;
        }

        items.Sort((a, b) => a.PublishedAt.CompareTo(b.PublishedAt));
        var mentions = items.DistinctBy(i => i.ExternalId, StringComparer.Ordinal).ToList();
        var newestRead = items.Count > 0 ? items[^1].PublishedAt.ToString(DateFormat, CultureInfo.InvariantCulture) : null;
        var newest = cursor.HasGap ? cursor.Newest : newestRead ?? cursor.Newest;
        var resume = more
            ? new PagedCursor(newest, floor, items[0].PublishedAt.ToString(DateFormat, CultureInfo.InvariantCulture))
            : new PagedCursor(newest);
        if (more)
        {
            LogCutShort(Name, o.MaxPages, resume.Floor, resume.Before);
        }

        return new SourceFetch(mentions, next with { Cursor = resume.Format() }, Skipped: skipped);
    }

    private (List<MentionInput> Items, int Count, string? Cursor) Read(byte[] body)
    {
        using var document = JsonFields.ParseBody(body, "the Bluesky answer");
        var items = new List<MentionInput>();
        var count = 0;
        foreach (var entry in document.RootElement.Get("posts").Array())
        {
            count++;
            if (ReadPost(entry) is { } mention)
            {
                items.Add(mention);
            }
        }

        return (items, count, document.RootElement.Str("cursor"));
    }

    /// <summary>
    /// One <c>postView</c>; a feed item (<c>{"post": postView, "reason"?, "reply"?}</c>, as getTimeline and getAuthorFeed
    /// return) is read through its <c>post</c>, and a repost (<c>reason</c> of type <c>reasonRepost</c>) becomes a copy
    /// of the post by the reposter, like a Mastodon boost. The time is Bluesky's own <c>sortAt</c>: the earlier of
    /// <c>record.createdAt</c> (written by the client, any offset or precision, sometimes in the future or unreadable)
    /// and <c>indexedAt</c> (the server's), so the <c>since</c> cursor never skips a post whose client clock was ahead.
    /// </summary>
    private MentionInput? ReadPost(System.Text.Json.JsonElement entry)
    {
        var o = source.Options;
        var post = entry.Get("record") is null && entry.Get("post") is { } wrapped ? wrapped : entry;
        var uri = post.Str("uri");
        var record = post.Get("record");
        var text = record?.Str("text");
        var created = SortAt(record?.Date("createdAt"), post.Date("indexedAt"));
        if (uri is null || string.IsNullOrWhiteSpace(text) || created is null)
        {
            LogSkipped(Name, uri ?? "?", uri is null ? "no uri" : created is null ? "no readable createdAt or indexedAt" : "empty text");
            return null;
        }

        // "handle.invalid" marks an account whose handle no longer resolves: its DID still opens the profile.
        var handle = post.Get("author")?.Str("handle");
        var profile = handle is null or "handle.invalid" ? post.Get("author")?.Str("did") : handle;
        var rkey = uri[(uri.LastIndexOf('/') + 1)..];
        var link = profile is null ? null : $"https://bsky.app/profile/{profile}/post/{rkey}";
        var language = record!.Value.Get("langs").Array().Select(l => l.ValueKind == System.Text.Json.JsonValueKind.String ? l.GetString() : null).FirstOrDefault();
        var reach = (post.Long("likeCount") ?? 0) + (post.Long("repostCount") ?? 0);
        var id = uri;
        var author = handle;
        if (entry.Get("reason") is { } reason && reason.Str("$type") == "app.bsky.feed.defs#reasonRepost" && reason.Get("by") is { } by)
        {
            id = $"{uri}#repost:{by.Str("did") ?? by.Str("handle") ?? "?"}";
            author = by.Str("handle");
            created = reason.Date("indexedAt") ?? created;
        }

        return new MentionInput(Name, id, link, "@" + (author ?? "?"), JsonFields.Reach(reach), JsonFields.Cut(text), JsonFields.LanguageOr(language, o.Language), created.Value);
    }

    /// <summary>Bluesky's <c>sortAt</c>: the earlier of the client's <c>createdAt</c> and the server's <c>indexedAt</c>.</summary>
    internal static DateTimeOffset? SortAt(DateTimeOffset? createdAt, DateTimeOffset? indexedAt) =>
        createdAt is { } c && indexedAt is { } i ? (c < i ? c : i) : createdAt ?? indexedAt;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}: post {Uri} skipped: {Reason}")]
    private partial void LogSkipped(string source, string uri, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: burst longer than {Pages} pages; posts between {Floor} and {Before} are read by the next polls")]
    private partial void LogCutShort(string source, int pages, string? floor, string? before);
}
