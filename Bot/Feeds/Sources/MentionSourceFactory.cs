using CmBot.Bot.Feeds.Sources.Rss;
using CmBot.Bot.Feeds.Sources.Social;
using CmBot.Bot.Hosting;

namespace CmBot.Bot.Feeds.Sources;

/// <summary>Builds the <see cref="IMentionSource"/> for a configured source, by type.</summary>
public sealed class MentionSourceFactory(IHttpClientFactory clients, TimeProvider time, ILoggerFactory loggers, IHostEnvironment environment)
{
    public IMentionSource Create(ConfiguredSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var http = clients.CreateClient(FeedHttp.ClientName);
        return source.Options.Type switch
        {
            SourceTypes.Rss => new RssSource(source, http, time, loggers.CreateLogger<RssSource>()),
            SourceTypes.Mastodon => new MastodonSource(source, http, loggers.CreateLogger<MastodonSource>()),
            SourceTypes.Bluesky => new BlueskySource(source, http, loggers.CreateLogger<BlueskySource>()),
            SourceTypes.HackerNews => new HackerNewsSource(source, http, loggers.CreateLogger<HackerNewsSource>()),
            SourceTypes.Reddit => new RedditSource(source, http, loggers.CreateLogger<RedditSource>()),
            SourceTypes.X => new XSource(source, http, loggers.CreateLogger<XSource>()),
            SourceTypes.File => new FileSource(source, CmBotOptions.Resolve(environment.ContentRootPath, source.Options.Path!), time, loggers.CreateLogger<FileSource>()),
            _ => throw new InvalidOperationException($"{source.Key}: type '{source.Options.Type}' is not polled."),
        };
    }
}
