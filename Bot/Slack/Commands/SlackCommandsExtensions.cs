namespace CmBot.Bot.Slack.Commands;

public static class SlackCommandsExtensions
{
    /// <summary>The <c>/cm</c> responder and the read models it answers from.</summary>
    public static IHostApplicationBuilder AddSlackCommands(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ActiveIncidentsQuery>();
        builder.Services.AddScoped<ActivityReportQuery>();
        builder.Services.AddSingleton<ISlashCommandResponder, SlashCommandResponder>();
        return builder;
    }
}
