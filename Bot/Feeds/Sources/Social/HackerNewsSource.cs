using System.Globalization;
using CmBot.Bot.Feeds.Sources.Paging;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// Hacker News through the Algolia search API (<c>/api/v1/search_by_date</c>, stories and comments, newest first).
/// The cursor is the newest <c>created_at_i</c> seen; the next query asks for <c>created_at_i&gt;cursor-1</c> so
/// items posted in that same second are not lost (the ones already stored are recognised by id). A full page
/// means a burst: the following <c>page</c>s are read, back in time down to the cursor, up to
/// <see cref="FeedSourceOptions.MaxPages"/>. A burst longer than that leaves a gap (between the old cursor and
/// the oldest item read) kept in the <see cref="PagedCursor"/>: the next polls read it first, with an upper
/// bound <c>created_at_i&lt;oldest+1</c>, so nothing is skipped.
/// </summary>
public sealed partial class HackerNewsSource(ConfiguredSource source, HttpClient http, ILogger<HackerNewsSource> logger) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var cursor = PagedCursor.Parse(since.Cursor);

        // Reading a gap: between the old cursor and the oldest item read so far. Otherwise: everything newer.
        var floor = PagedCursor.AsLong(cursor.HasGap ? cursor.Floor : cursor.Newest);
        var below = cursor.HasGap ? PagedCursor.AsLong(cursor.Before) : null;
        var filters = new List<string>();
        if (floor is { } f)
        {
            filters.Add($"created_at_i>{(f - 1).ToString(CultureInfo.InvariantCulture)}");
        }

        if (below is { } b)
        {
            filters.Add($"created_at_i<{(b + 1).ToString(CultureInfo.InvariantCulture)}");
        }

        var items = new List<(long Created, MentionInput Mention)>();
        var skipped = 0;
        var more = false;
        SourcePosition? next = null;
        for (var page = 0; ; page++)
        {
            var url = FeedHttp.Build(
                o.Url!, "/api/v1/search_by_date", ("query", o.Query), ("tags", "(story,comment)"),
                ("hitsPerPage", o.MaxItems.ToString(CultureInfo.InvariantCulture)),
                ("numericFilters", filters.Count == 0 ? null : string.Join(',', filters)),
                ("page", page == 0 ? null : page.ToString(CultureInfo.InvariantCulture)));

            // The gap query changes from poll to poll: validators only for the plain first page.
            var validators = page == 0 && !cursor.HasGap ? since : SourcePosition.Start with { Cursor = since.Cursor };
            var response = await FeedHttp.GetAsync(http, url, validators, o.MaxBytes, null, cancellationToken);
            next ??= since with { ETag = page == 0 && !cursor.HasGap ? response.ETag : since.ETag, LastModified = page == 0 && !cursor.HasGap ? response.LastModified : since.LastModified };
            if (response.NotModified)
            {
                return new SourceFetch([], next, NotModified: true);
            }

            var (read, count, pages) = Read(response.Body);
            skipped += count - read.Count;
            items.AddRange(read);

            // A first poll takes the latest page only; a partial or last page means caught up.
            if (floor is null || count < o.MaxItems || page + 1 >= pages)
            {
                break;
            }

            if (page + 1 >= o.MaxPages)
            {
                more = true;
                break;
            }
        }

        items.Sort((a, b) => a.Created.CompareTo(b.Created));
        var mentions = items.DistinctBy(i => i.Mention.ExternalId, StringComparer.Ordinal).Select(i => i.Mention).ToList();
        var newestRead = items.Count > 0 ? items[^1].Created.ToString(CultureInfo.InvariantCulture) : null;
        var newest = cursor.HasGap ? cursor.Newest : newestRead ?? cursor.Newest;
        PagedCursor after;
        if (more && items.Count > 0)
        {
            var before = items[0].Created.ToString(CultureInfo.InvariantCulture);
            after = new PagedCursor(newest, cursor.HasGap ? cursor.Floor : cursor.Newest, before);
            LogCutShort(Name, o.MaxPages, after.Floor, before);
        }
        else
        {
            after = new PagedCursor(newest);
        }

        return new SourceFetch(mentions, next with { Cursor = after.Format() }, Skipped: skipped);
    }

    /// <summary>The readable hits of one page, how many the page held, and Algolia's page count.</summary>
    private (List<(long Created, MentionInput Mention)> Items, int Count, int Pages) Read(byte[] body)
    {
        var o = source.Options;
        using var document = JsonFields.ParseBody(body, "the Hacker News answer");
        var root = document.RootElement;
        var items = new List<(long Created, MentionInput Mention)>();
        var count = 0;
        foreach (var hit in root.Get("hits").Array())
        {
            count++;
            var id = hit.Str("objectID");
            var created = hit.Long("created_at_i") ?? hit.Date("created_at")?.ToUnixTimeSeconds();
            var title = hit.Str("title");
            var body2 = HtmlText.ToPlainText(hit.Str("comment_text") ?? hit.Str("story_text"));
            var text = string.IsNullOrWhiteSpace(title) ? body2 : body2.Length == 0 ? title : $"{title} — {body2}";
            if (id is null || created is null || string.IsNullOrWhiteSpace(text))
            {
                LogSkipped(Name, id ?? "?", id is null ? "no objectID" : created is null ? "no created_at_i" : "no text");
                continue;
            }

            items.Add((created.Value, new MentionInput(
                Name, id, $"https://news.ycombinator.com/item?id={Uri.EscapeDataString(id)}", hit.Str("author") ?? "?",
                JsonFields.Reach(hit.Long("points")), JsonFields.Cut(text), o.Language is { Length: > 0 } l ? l : null,
                DateTimeOffset.FromUnixTimeSeconds(created.Value))));
        }

        var pages = root.Long("nbPages") is { } n ? (int)Math.Clamp(n, 0, int.MaxValue) : 1;
        return (items, count, pages);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}: hit {Id} skipped: {Reason}")]
    private partial void LogSkipped(string source, string id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: burst longer than {Pages} pages; items between {Floor} and {Before} are read by the next polls")]
    private partial void LogCutShort(string source, int pages, string? floor, string before);
}
