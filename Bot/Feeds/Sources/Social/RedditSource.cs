using System.Globalization;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// Reddit search JSON (<c>/search.json?sort=new</c>). Reddit's <c>before</c> paging is unreliable for searches,
/// so the cursor is the newest <c>created_utc</c> seen and older posts are dropped here; posts from that same
/// second come back and are recognised by id.
/// </summary>
public sealed class RedditSource(ConfiguredSource source, HttpClient http) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var after = long.TryParse(since.Cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : long.MinValue;
        var url = FeedHttp.Build(
            o.Url!, "/search.json", ("q", o.Query), ("sort", "new"), ("raw_json", "1"),
            ("limit", Math.Min(o.MaxItems, 100).ToString(CultureInfo.InvariantCulture)));
        var response = await FeedHttp.GetAsync(http, url, since, o.MaxBytes, o.Token, cancellationToken);
        var next = since with { ETag = response.ETag, LastModified = response.LastModified };
        if (response.NotModified)
        {
            return new SourceFetch([], next, NotModified: true);
        }

        using var document = JsonFields.ParseBody(response.Body, "the Reddit answer");
        var items = new List<(long Created, MentionInput Mention)>();
        var skipped = 0;
        foreach (var child in document.RootElement.Get("data")?.Get("children").Array() ?? [])
        {
            var post = child.Get("data");
            var id = post?.Str("name");
            var created = post?.Long("created_utc");
            var title = post?.Str("title") ?? string.Empty;
            var body = HtmlText.ToPlainText(post?.Str("selftext"));
            var text = body.Length == 0 ? title : $"{title} — {body}";
            if (post is null || id is null || created is null || string.IsNullOrWhiteSpace(text))
            {
                skipped++;
                continue;
            }

            if (created.Value < after)
            {
                continue;
            }

            var permalink = post.Value.Str("permalink");
            items.Add((created.Value, new MentionInput(
                Name, id, permalink is null ? post.Value.Str("url") : "https://www.reddit.com" + permalink, "u/" + (post.Value.Str("author") ?? "?"),
                JsonFields.Reach(post.Value.Long("subreddit_subscribers")), JsonFields.Cut(text), o.Language is { Length: > 0 } l ? l : null,
                DateTimeOffset.FromUnixTimeSeconds(created.Value))));
        }

        items.Sort((a, b) => a.Created.CompareTo(b.Created));
        var newest = items.Count > 0 ? items[^1].Created.ToString(CultureInfo.InvariantCulture) : since.Cursor;
        return new SourceFetch(items.Select(i => i.Mention).ToList(), next with { Cursor = newest }, Skipped: skipped);
    }
}
