using CmBot.Bot.Actions;

namespace CmBot.Bot.Silences;

public static class SilenceExtensions
{
    /// <summary>Silences created from chat: their settings, the in-memory set the router reads, its reloader and the action handler.</summary>
    public static IHostApplicationBuilder AddSilences(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => SilenceSettings.From(builder.Configuration));
        builder.Services.AddSingleton<ActiveSilences>();
        builder.Services.AddHostedService<ActiveSilencesRefresher>();
        builder.Services.AddScoped<IActionHandler, SilenceActionHandler>();
        return builder;
    }
}
