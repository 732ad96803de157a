namespace CmBot.Bot.Publishing;

public static class PublishingExtensions
{
    /// <summary>The reply connectors configured under Publishing (the sandbox registers its own timeline).</summary>
    public static IHostApplicationBuilder AddPublishing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PublishingOptions>()
            .Bind(builder.Configuration.GetSection(PublishingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var settings = builder.Configuration.GetSection(PublishingOptions.Section).Get<PublishingOptions>() ?? new PublishingOptions();
        if (settings.Mastodon.Enabled)
        {
            builder.Services.AddHttpClient(MastodonConnector.HttpClientName);
            builder.Services.AddSingleton<IReplyConnector, MastodonConnector>();
        }

        if (settings.Webhook.Enabled)
        {
            builder.Services.AddHttpClient(WebhookConnector.HttpClientName);
            builder.Services.AddSingleton<IReplyConnector, WebhookConnector>();
        }

        return builder;
    }
}
