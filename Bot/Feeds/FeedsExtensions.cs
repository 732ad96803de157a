using System.Text;
using CmBot.Bot.Feeds.Polling;
using CmBot.Bot.Feeds.Sources;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds;

public static class FeedsExtensions
{
    /// <summary>
    /// The replay feed (the embedded default), the configured sources (<c>Feeds:Sources</c>, validated here so a
    /// mistake stops start-up with its key), their HTTP client, state and health check.
    /// </summary>
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ReplayOptions>()
            .Bind(builder.Configuration.GetSection(ReplayOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.File), "Feeds:Replay:File is required when the replay feed is enabled.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReplayFeed>();
        builder.Services.AddSingleton<MentionIngestor>();
        builder.Services.AddSingleton(new NearDuplicates());
        builder.Services.AddSingleton<DuplicateIndex>();

        // Feeds in the wild still declare windows-1252 and friends.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        builder.Services.AddSingleton(FeedSourcesConfiguration.Load(builder.Configuration));
        builder.Services.AddSingleton<MentionSourceFactory>();
        builder.Services.AddSingleton<SourceStateStore>();
        builder.Services.AddHttpClient(FeedHttp.ClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("CmBot/1.0 (+community listening)");
        });
        builder.Services.AddHealthChecks().AddCheck<FeedsHealthCheck>(FeedsHealthCheck.Name);
        return builder;
    }
}
