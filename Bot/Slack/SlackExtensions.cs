using CmBot.Bot.Slack.Commands;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Slack.SocketMode;
using CmBot.Bot.Slack.Web;

namespace CmBot.Bot.Slack;

public static class SlackExtensions
{
    /// <summary>Slack, when <c>Slack:Enabled</c>: the Web API client and chat platform, inbound handling, Socket Mode.</summary>
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SlackOptions>()
            .Bind(builder.Configuration.GetSection(SlackOptions.Section))
            .PostConfigure(o => o.Channels.Extra = Chat.ExtraChannelKeys.Read(builder.Configuration.GetSection($"{SlackOptions.Section}:Channels")))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddSlackCommands(); // holds no Slack connection, only answers what a transport hands it: safe (and testable) when Slack is off
        var options = builder.Configuration.GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        builder.AddSlackWebApi();
        builder.AddSlackInbound();
        if (options.Mode == SlackMode.SocketMode)
        {
            builder.AddSlackSocketMode();
        }

        return builder;
    }

    /// <summary>The HTTP endpoints Slack posts to (only in HTTP mode).</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions();
        if (options is { Enabled: true, Mode: SlackMode.Http })
        {
            app.MapSlackInbound();
        }

        return app;
    }
}
