using System.Text.Json;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// Mastodon: a public hashtag timeline (<c>/api/v1/timelines/tag/{Tag}</c>, no token needed) or a status search
/// (<c>/api/v2/search?type=statuses</c>, with a token). The cursor is the newest status id, sent as <c>min_id</c>.
/// A boost counts as a copy of the boosted status (same text), which near-duplicate collapsing folds in.
/// </summary>
public sealed class MastodonSource(ConfiguredSource source, HttpClient http) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var limit = Math.Min(o.MaxItems, 40).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var url = !string.IsNullOrWhiteSpace(o.Tag)
            ? FeedHttp.Build(o.Url!, $"/api/v1/timelines/tag/{Uri.EscapeDataString(o.Tag.TrimStart('#'))}", ("limit", limit), ("min_id", since.Cursor))
            : FeedHttp.Build(o.Url!, "/api/v2/search", ("q", o.Query), ("type", "statuses"), ("resolve", "false"), ("limit", limit), ("min_id", since.Cursor));
        var response = await FeedHttp.GetAsync(http, url, since, o.MaxBytes, o.Token, cancellationToken);
        var next = since with { ETag = response.ETag, LastModified = response.LastModified };
        if (response.NotModified)
        {
            return new SourceFetch([], next, NotModified: true);
        }

        using var document = JsonFields.ParseBody(response.Body, "the Mastodon answer");
        var root = document.RootElement;
        var statuses = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : root.Get("statuses").Array();
        var items = new List<(string Id, MentionInput Mention)>();
        var skipped = 0;
        foreach (var status in statuses)
        {
            var id = status.Str("id");
            var shown = status.Get("reblog") ?? status;
            var text = HtmlText.ToPlainText(shown.Str("content"));
            var published = status.Date("created_at");
            var account = status.Get("account");
            if (id is null || published is null || text.Length == 0)
            {
                skipped++;
                continue;
            }

            var author = account?.Str("acct") ?? "?";
            items.Add((id, new MentionInput(
                Name, id, status.Str("url") ?? status.Str("uri"), "@" + author.TrimStart('@'),
                JsonFields.Reach(account?.Long("followers_count")), JsonFields.Cut(text),
                JsonFields.LanguageOr(shown.Str("language"), o.Language), published.Value)));
        }

        items.Sort((a, b) => JsonFields.CompareIds(a.Id, b.Id));
        var newest = items.Count > 0 ? items[^1].Id : since.Cursor;
        return new SourceFetch(items.Select(i => i.Mention).ToList(), next with { Cursor = newest }, Skipped: skipped);
    }
}
