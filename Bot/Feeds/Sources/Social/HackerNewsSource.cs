using System.Globalization;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// Hacker News through the Algolia search API (<c>/api/v1/search_by_date</c>, stories and comments). The cursor
/// is the newest <c>created_at_i</c> seen; the next query asks for <c>created_at_i&gt;cursor-1</c> so items
/// posted in that same second are not lost (the ones already stored are recognised by id).
/// </summary>
public sealed class HackerNewsSource(ConfiguredSource source, HttpClient http) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var after = long.TryParse(since.Cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c - 1 : (long?)null;
        var url = FeedHttp.Build(
            o.Url!, "/api/v1/search_by_date", ("query", o.Query), ("tags", "(story,comment)"),
            ("hitsPerPage", o.MaxItems.ToString(CultureInfo.InvariantCulture)),
            ("numericFilters", after is null ? null : $"created_at_i>{after.Value.ToString(CultureInfo.InvariantCulture)}"));
        var response = await FeedHttp.GetAsync(http, url, since, o.MaxBytes, null, cancellationToken);
        var next = since with { ETag = response.ETag, LastModified = response.LastModified };
        if (response.NotModified)
        {
            return new SourceFetch([], next, NotModified: true);
        }

        using var document = JsonFields.ParseBody(response.Body, "the Hacker News answer");
        var items = new List<(long Created, MentionInput Mention)>();
        var skipped = 0;
        foreach (var hit in document.RootElement.Get("hits").Array())
        {
            var id = hit.Str("objectID");
            var created = hit.Long("created_at_i");
            var title = hit.Str("title");
            var body = HtmlText.ToPlainText(hit.Str("comment_text") ?? hit.Str("story_text"));
            var text = string.IsNullOrWhiteSpace(title) ? body : body.Length == 0 ? title : $"{title} — {body}";
            if (id is null || created is null || string.IsNullOrWhiteSpace(text))
            {
                skipped++;
                continue;
            }

            items.Add((created.Value, new MentionInput(
                Name, id, $"https://news.ycombinator.com/item?id={Uri.EscapeDataString(id)}", hit.Str("author") ?? "?",
                JsonFields.Reach(hit.Long("points")), JsonFields.Cut(text), o.Language is { Length: > 0 } l ? l : null,
                DateTimeOffset.FromUnixTimeSeconds(created.Value))));
        }

        items.Sort((a, b) => a.Created.CompareTo(b.Created));
        var newest = items.Count > 0 ? items[^1].Created.ToString(CultureInfo.InvariantCulture) : since.Cursor;
        return new SourceFetch(items.Select(i => i.Mention).ToList(), next with { Cursor = newest }, Skipped: skipped);
    }
}
