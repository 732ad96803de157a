namespace CmBot.Bot.Slack.SocketMode;

public static class SocketModeExtensions
{
    /// <summary>Socket Mode connections feeding the same inbound handling as the HTTP endpoints.</summary>
    public static IHostApplicationBuilder AddSlackSocketMode(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SocketModeOptions>()
            .Bind(builder.Configuration.GetSection(SocketModeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SocketModeEnvelopeHandler>();
        builder.Services.AddHostedService<SocketModeService>();
        return builder;
    }
}
