using System.Text.Json;
using CmBot.Bot.Feeds.Sources.Paging;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// Mastodon: a public hashtag timeline (<c>/api/v1/timelines/tag/{Tag}</c>, no token needed) or a status search
/// (<c>/api/v2/search?type=statuses</c>, with a token). The cursor is the newest status id, sent as <c>min_id</c>
/// (the page just after it). A full page means more arrived: the next page is the <c>Link: rel="prev"</c> target
/// (same origin only) or <c>min_id</c> = the newest id read, up to <see cref="FeedSourceOptions.MaxPages"/> pages;
/// paging forward like this, a cut-short catch-up leaves no gap, the next poll goes on from the newest read.
/// With <see cref="FeedSourceOptions.Notifications"/>, the token's account mentions
/// (<c>/api/v1/notifications?types[]=mention</c>) are read instead, paged the same way by notification id.
/// A boost counts as a copy of the boosted status (same text and link, the booster as author and reach), which
/// near-duplicate collapsing folds in.
/// </summary>
public sealed partial class MastodonSource(ConfiguredSource source, HttpClient http, ILogger<MastodonSource> logger) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var limit = Math.Min(o.MaxItems, 40);
        var items = new List<(string Id, MentionInput Mention)>();
        var skipped = 0;
        var cursor = since.Cursor;
        var url = PageUrl(cursor, limit);
        SourcePosition? next = null;
        for (var page = 1; ; page++)
        {
            // Validators only for the first page: a 304 there means nothing new at all.
            var response = await FeedHttp.GetAsync(http, url, page == 1 ? since : SourcePosition.Start, o.MaxBytes, o.Token, cancellationToken);
            next ??= since with { ETag = response.ETag, LastModified = response.LastModified };
            if (response.NotModified)
            {
                return new SourceFetch([], next, NotModified: true);
            }

            var (read, count) = Read(response.Body);
            skipped += count - read.Count;
            items.AddRange(read);
            if (read.Count > 0)
            {
                cursor = read.Select(i => i.Id).Append(cursor).Aggregate((a, b) => JsonFields.CompareIds(a, b) >= 0 ? a : b);
            }

            // A first poll takes the latest page only; a partial page means caught up.
            if (since.Cursor is null || count < limit || read.Count == 0)
            {
                break;
            }

            if (page >= o.MaxPages)
            {
                LogCutShort(Name, page, cursor);
                break;
            }

            url = LinkHeader.Find(response.Link, "prev", url) ?? PageUrl(cursor, limit);
        }

        items.Sort((a, b) => JsonFields.CompareIds(a.Id, b.Id));
        var mentions = items.DistinctBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Mention).ToList();
        return new SourceFetch(mentions, next with { Cursor = cursor }, Skipped: skipped);
    }

    private Uri PageUrl(string? minId, int limit)
    {
        var o = source.Options;
        var size = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (o.Notifications)
        {
            return FeedHttp.Build(o.Url!, "/api/v1/notifications", ("types[]", "mention"), ("limit", size), ("min_id", minId));
        }

        return !string.IsNullOrWhiteSpace(o.Tag)
            ? FeedHttp.Build(o.Url!, $"/api/v1/timelines/tag/{Uri.EscapeDataString(o.Tag.TrimStart('#'))}", ("limit", size), ("min_id", minId))
            : FeedHttp.Build(o.Url!, "/api/v2/search", ("q", o.Query), ("type", "statuses"), ("resolve", "false"), ("limit", size), ("min_id", minId));
    }

    /// <summary>The readable statuses of one page, and how many the page held.</summary>
    private (List<(string Id, MentionInput Mention)> Items, int Count) Read(byte[] body)
    {
        var o = source.Options;
        using var document = JsonFields.ParseBody(body, "the Mastodon answer");
        var root = document.RootElement;
        var statuses = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : root.Get("statuses").Array();
        var items = new List<(string Id, MentionInput Mention)>();
        var count = 0;
        foreach (var entry in statuses)
        {
            count++;

            // Servers older than 3.5 ignore types[]=mention: follows, favourites... are not mentions.
            if (o.Notifications && entry.Str("type") is { } type && type != "mention")
            {
                LogSkipped(Name, entry.Str("id") ?? "?", $"not a mention ({type})");
                continue;
            }

            // A notification wraps the status that mentions the account; its own id is the paging id.
            var status = o.Notifications ? entry.Get("status") ?? default : entry;
            var id = status.ValueKind == JsonValueKind.Object ? status.Str("id") : null;
            var pagingId = o.Notifications ? entry.Str("id") : id;
            var shown = status.Get("reblog") ?? status;
            var text = Text(shown);
            var published = status.Date("created_at");
            var account = status.Get("account");
            if (id is null || pagingId is null || published is null || text.Length == 0)
            {
                LogSkipped(Name, pagingId ?? id ?? "?", id is null || pagingId is null ? "no id (or no status)" : published is null ? "no readable created_at" : "empty content");
                continue;
            }

            // A boost's own url is its ActivityPub activity (".../statuses/{id}/activity", not a page): link the boosted status.
            var author = account?.Str("acct") ?? "?";
            items.Add((pagingId, new MentionInput(
                Name, id, shown.Str("url") ?? shown.Str("uri") ?? status.Str("url"), "@" + author.TrimStart('@'),
                JsonFields.Reach(account?.Long("followers_count")), JsonFields.Cut(text),
                JsonFields.LanguageOr(shown.Str("language"), o.Language), published.Value)));
        }

        return (items, count);
    }

    /// <summary>The content as plain text, after its content warning (<c>spoiler_text</c>) when there is one: the warning often names the problem.</summary>
    private static string Text(JsonElement status)
    {
        var content = HtmlText.ToPlainText(status.Str("content"));
        var warning = status.Str("spoiler_text")?.Trim();
        return string.IsNullOrEmpty(warning) ? content : content.Length == 0 ? warning : $"{warning} — {content}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}: status {Id} skipped: {Reason}")]
    private partial void LogSkipped(string source, string id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: catch-up stopped after {Pages} full pages at {Cursor}; the next poll goes on from there")]
    private partial void LogCutShort(string source, int pages, string? cursor);
}
