using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// Bluesky post search (<c>/xrpc/app.bsky.feed.searchPosts</c>, newest first). The API's own cursor pages back
/// in time, so CmBot's cursor is the newest post's creation time, sent as <c>since</c> (inclusive; the post
/// seen last time comes back and is recognised by its id).
/// </summary>
public sealed class BlueskySource(ConfiguredSource source, HttpClient http) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var url = FeedHttp.Build(
            o.Url!, "/xrpc/app.bsky.feed.searchPosts", ("q", o.Query), ("sort", "latest"),
            ("limit", Math.Min(o.MaxItems, 100).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("since", since.Cursor));
        var response = await FeedHttp.GetAsync(http, url, since, o.MaxBytes, o.Token, cancellationToken);
        var next = since with { ETag = response.ETag, LastModified = response.LastModified };
        if (response.NotModified)
        {
            return new SourceFetch([], next, NotModified: true);
        }

        using var document = JsonFields.ParseBody(response.Body, "the Bluesky answer");
        var items = new List<MentionInput>();
        var skipped = 0;
        foreach (var post in document.RootElement.Get("posts").Array())
        {
            var uri = post.Str("uri");
            var record = post.Get("record");
            var text = record?.Str("text");
            var created = record?.Date("createdAt") ?? post.Date("indexedAt");
            var handle = post.Get("author")?.Str("handle");
            if (uri is null || string.IsNullOrWhiteSpace(text) || created is null)
            {
                skipped++;
                continue;
            }

            var rkey = uri[(uri.LastIndexOf('/') + 1)..];
            var link = handle is null ? null : $"https://bsky.app/profile/{handle}/post/{rkey}";
            var language = record!.Value.Get("langs").Array().Select(l => l.GetString()).FirstOrDefault();
            var reach = (post.Long("likeCount") ?? 0) + (post.Long("repostCount") ?? 0);
            items.Add(new MentionInput(Name, uri, link, "@" + (handle ?? "?"), JsonFields.Reach(reach), JsonFields.Cut(text), JsonFields.LanguageOr(language, o.Language), created.Value));
        }

        items.Sort((a, b) => a.PublishedAt.CompareTo(b.PublishedAt));
        var newest = items.Count > 0 ? items[^1].PublishedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) : since.Cursor;
        return new SourceFetch(items, next with { Cursor = newest }, Skipped: skipped);
    }
}
