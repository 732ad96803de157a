using System.Globalization;

namespace CmBot.Bot.Feeds.Sources.Social;

/// <summary>
/// X (Twitter) recent search (<c>/2/tweets/search/recent</c>, bearer token). The cursor is the largest tweet id
/// in <c>data</c>, sent as <c>since_id</c>; <c>meta.newest_id</c> is not used because it may count expanded tweets.
/// </summary>
public sealed class XSource(ConfiguredSource source, HttpClient http) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var o = source.Options;
        var url = FeedHttp.Build(
            o.Url!, "/2/tweets/search/recent", ("query", o.Query),
            ("max_results", Math.Clamp(o.MaxItems, 10, 100).ToString(CultureInfo.InvariantCulture)), ("since_id", since.Cursor),
            ("tweet.fields", "created_at,lang,author_id"), ("expansions", "author_id"), ("user.fields", "username,public_metrics"));
        var response = await FeedHttp.GetAsync(http, url, since, o.MaxBytes, o.Token, cancellationToken);
        var next = since with { ETag = response.ETag, LastModified = response.LastModified };
        if (response.NotModified)
        {
            return new SourceFetch([], next, NotModified: true);
        }

        using var document = JsonFields.ParseBody(response.Body, "the X answer");
        var root = document.RootElement;
        var users = root.Get("includes")?.Get("users").Array()
            .Where(u => u.Str("id") is not null)
            .ToDictionary(u => u.Str("id")!, u => (Name: u.Str("username") ?? "?", Followers: u.Get("public_metrics")?.Long("followers_count")), StringComparer.Ordinal)
            ?? [];
        var items = new List<(string Id, Core.Mentions.MentionInput Mention)>();
        var skipped = 0;
        foreach (var tweet in root.Get("data").Array())
        {
            var id = tweet.Str("id");
            var text = tweet.Str("text");
            var created = tweet.Date("created_at");
            if (id is null || string.IsNullOrWhiteSpace(text) || created is null)
            {
                skipped++;
                continue;
            }

            var user = tweet.Str("author_id") is { } authorId && users.TryGetValue(authorId, out var u) ? u : ("?", null);
            items.Add((id, new Core.Mentions.MentionInput(
                Name, id, $"https://x.com/{user.Item1}/status/{id}", "@" + user.Item1, JsonFields.Reach(user.Item2),
                JsonFields.Cut(System.Net.WebUtility.HtmlDecode(text)), JsonFields.LanguageOr(tweet.Str("lang"), o.Language), created.Value)));
        }

        items.Sort((a, b) => JsonFields.CompareIds(a.Id, b.Id));
        var newest = items.Count > 0 ? items[^1].Id : since.Cursor;
        return new SourceFetch(items.Select(i => i.Mention).ToList(), next with { Cursor = newest }, Skipped: skipped);
    }
}
