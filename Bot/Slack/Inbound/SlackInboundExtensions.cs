namespace CmBot.Bot.Slack.Inbound;

public static class SlackInboundExtensions
{
    /// <summary>Request verification, the inbox (persist then ack) and the processor that acts on it.</summary>
    public static IHostApplicationBuilder AddSlackInbound(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>POST /slack/events, /slack/interactivity, /slack/commands.</summary>
    public static IEndpointRouteBuilder MapSlackInbound(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
