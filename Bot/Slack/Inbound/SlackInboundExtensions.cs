namespace CmBot.Bot.Slack.Inbound;

public static class SlackInboundExtensions
{
    public const string EventsPath = "/slack/events";
    public const string InteractivityPath = "/slack/interactivity";
    public const string CommandsPath = "/slack/commands";

    /// <summary>Request verification, the inbox (persist then ack) and the processor that acts on it.</summary>
    public static IHostApplicationBuilder AddSlackInbound(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackIdentity>();
        services.AddSingleton<SlackInboxSignal>();
        services.AddSingleton<SlackInboxCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackInboxCheckpointer>());
        services.AddSingleton<SlackInboxWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackInboxWriter>());
        services.AddSingleton<SlackCommandAnswers>();
        services.AddSingleton<ISlackInbound, SlackInbox>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<SlackClickHandler>();
        services.AddSingleton<SlackSubmissionHandler>();
        services.AddSingleton<SlackEventResponder>();
        services.AddHostedService<SlackInboxProcessor>();
        services.AddSingleton<SlackHttpReceiver>();
        return builder;
    }

    /// <summary>POST /slack/events, /slack/interactivity, /slack/commands.</summary>
    public static IEndpointRouteBuilder MapSlackInbound(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var receiver = app.ServiceProvider.GetRequiredService<SlackHttpReceiver>();
        app.MapPost(EventsPath, context => receiver.HandleAsync(context, SlackPayloadKind.Event));
        app.MapPost(InteractivityPath, context => receiver.HandleAsync(context, SlackPayloadKind.Interactivity));
        app.MapPost(CommandsPath, context => receiver.HandleAsync(context, SlackPayloadKind.Command));
        return app;
    }
}
