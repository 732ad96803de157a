using CmBot.Bot.Chat;
using CmBot.Bot.Slack.BlockKit;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Web;

public static class SlackWebApiExtensions
{
    public const string HttpClientName = "CmBot.Slack.WebApi";

    /// <summary>The Web API client (rate limited), the Block Kit renderer and Slack as a chat platform for the outbox.</summary>
    public static IHostApplicationBuilder AddSlackWebApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SlackWebApiOptions>()
            .Bind(builder.Configuration.GetSection(SlackWebApiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddHttpClient(HttpClientName, (sp, client) =>
            {
                var slack = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
                var web = sp.GetRequiredService<IOptions<SlackWebApiOptions>>().Value;
                var baseUrl = slack.ApiBaseUrl.AbsoluteUri;
                client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);

                // The resilience pipeline times each attempt; this only bounds a whole call with its read retries.
                client.Timeout = TimeSpan.FromSeconds((web.RequestTimeoutSeconds * (web.ReadRetries + 1)) + 15);
            })

            // SlackApiTransport logs what matters (rate limits, failures); the factory's own two handlers opened a log
            // scope and formatted four request/response lines per call, on every alert's way out.
            .RemoveAllLoggers()
            .AddResilienceHandler("slack", (pipeline, context) =>
                SlackHttp.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<SlackWebApiOptions>>().Value));

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SlackRateLimiter>();
        builder.Services.AddSingleton<SlackApiTransport>();
        builder.Services.AddSingleton<ISlackApi, SlackApiClient>();
        builder.Services.AddSingleton<SlackChannelResolver>();
        builder.Services.AddSingleton<ISlackUserDirectory, SlackUserDirectory>();
        builder.Services.AddSingleton<BlockKitRenderer>();
        builder.Services.AddSingleton<SlackChatPlatform>();
        builder.Services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<SlackChatPlatform>());
        return builder;
    }
}
