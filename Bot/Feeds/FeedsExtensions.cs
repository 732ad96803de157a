namespace CmBot.Bot.Feeds;

public static class FeedsExtensions
{
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
        return builder;
    }
}
