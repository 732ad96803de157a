using CmBot.Bot.Chat;
using CmBot.Bot.Reporting;
using CmBot.Bot.Teams.Auth;
using CmBot.Bot.Teams.Cards;
using CmBot.Bot.Teams.Inbound;
using CmBot.Bot.Teams.Outbound;

namespace CmBot.Bot.Teams;

public static partial class TeamsExtensions
{
    /// <summary>Microsoft Teams, when <c>Teams:Enabled</c>: inbound activities with JWT validation, cards, the connector client.</summary>
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TeamsOptions>()
            .Bind(builder.Configuration.GetSection(TeamsOptions.Section))
            .PostConfigure(o => o.Channels.Extra = Chat.ExtraChannelKeys.Read(builder.Configuration.GetSection($"{TeamsOptions.Section}:Channels")))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        LoopbackEmulator.EnsureAllowed(builder.Configuration, builder.Environment);
        builder.Services.AddHttpClient(OpenIdMetadata.HttpClientName);
        builder.Services.AddSingleton<OpenIdMetadata>();
        builder.Services.AddSingleton<BotFrameworkAuthenticator>();
        builder.Services.AddSingleton<TeamsPeople>();
        builder.Services.AddScoped<SubjectCards>();
        builder.Services.AddScoped<ConversationReferences>();
        builder.Services.AddScoped<TeamsReplies>();
        builder.Services.AddScoped<CommandHandler>();
        builder.Services.AddScoped<CardActionHandler>();
        builder.Services.AddScoped<ReactionHandler>();

        builder.Services.AddHttpClient(BotTokenProvider.HttpClientName);
        builder.Services.AddSingleton<BotTokenProvider>();
        builder.Services.AddSingleton<TeamsRateLimits>();
        builder.Services.AddHttpClient<TeamsConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddScoped<TeamsTargets>();
        builder.Services.AddSingleton<IChatPlatform, TeamsChatPlatform>();
        builder.Services.AddSingleton<IReportChartCards, TeamsReportChartCards>();
        builder.Services.AddScoped<IOutboxHandler, TeamsReplyHandler>();
        return builder;
    }

    /// <summary><c>POST /api/messages</c> (the bot's messaging endpoint) when Teams is enabled.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (IsEnabled(configuration))
        {
            app.MapTeamsInbound();
            if (configuration.GetValue(LoopbackEmulator.SettingKey, false))
            {
                LogEmulatorSwitch(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("CmBot.Teams.Inbound"), LoopbackEmulator.SettingKey);
            }
        }

        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue($"{TeamsOptions.Section}:{nameof(TeamsOptions.Enabled)}", false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is on: Teams requests WITHOUT a token are accepted from loopback when their serviceUrl is loopback (local emulator only; never in production)")]
    private static partial void LogEmulatorSwitch(ILogger logger, string setting);
}
