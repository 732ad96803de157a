using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Rss;

/// <summary>An RSS 2.0 / Atom feed (Google Alerts, Reddit, news, review sites), fetched with a conditional GET.</summary>
public sealed partial class RssSource(ConfiguredSource source, HttpClient http, TimeProvider time, ILogger<RssSource> logger) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var options = source.Options;
        var response = await FeedHttp.GetAsync(http, new Uri(options.Url!), since, options.MaxBytes, null, cancellationToken);
        var next = since with { ETag = response.ETag, LastModified = response.LastModified };
        if (response.NotModified)
        {
            return new SourceFetch([], next, NotModified: true);
        }

        var feed = FeedDocument.Parse(Name, response.Body, response.Charset, options.MaxItems, options.Language, time.GetUtcNow());
        foreach (var skipped in feed.Skipped)
        {
            LogSkipped(Name, skipped.Position, skipped.Reason);
        }

        var newest = feed.Items.Count == 0 ? since.Cursor : feed.Items.Max(i => i.PublishedAt).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return new SourceFetch(feed.Items, next with { Cursor = newest }, Skipped: feed.Skipped.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}: feed item {Position} skipped: {Reason}")]
    private partial void LogSkipped(string source, int position, string reason);
}
