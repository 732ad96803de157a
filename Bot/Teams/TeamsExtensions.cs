using CmBot.Bot.Teams.Auth;
using CmBot.Bot.Teams.Cards;
using CmBot.Bot.Teams.Inbound;

namespace CmBot.Bot.Teams;

public static class TeamsExtensions
{
    /// <summary>Microsoft Teams, when <c>Teams:Enabled</c>: inbound activities with JWT validation, cards, the connector client.</summary>
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TeamsOptions>()
            .Bind(builder.Configuration.GetSection(TeamsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

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
        return builder;
    }

    /// <summary><c>POST /api/messages</c> (the bot's messaging endpoint) when Teams is enabled.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (IsEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            app.MapTeamsInbound();
        }

        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue($"{TeamsOptions.Section}:{nameof(TeamsOptions.Enabled)}", false);
}
