using CmBot.Bot.Hosting;
using CmBot.Bot.Jobs;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Routing;

public static class RoutingExtensions
{
    /// <summary>The routing policy (routing.yaml), the router the card publisher asks where an alert goes, and repeat_interval's reminders.</summary>
    public static IHostApplicationBuilder AddRouting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            return RoutingFile.Load(CmBotOptions.Resolve(root, options.RoutingFile));
        });
        builder.Services.AddScoped<AlertRouter>();
        builder.Services.AddScoped<Repeats.AlertRepeats>();
        builder.Services.AddTriggerReplanner<Repeats.AlertRepeatRecovery>();
        return builder;
    }
}
