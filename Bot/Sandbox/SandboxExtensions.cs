using CmBot.Bot.Chat;
using CmBot.Bot.Publishing;
using CmBot.Bot.Reporting;

namespace CmBot.Bot.Sandbox;

public static class SandboxExtensions
{
    /// <summary>The local web channel: a chat platform, a publishing connector and the page's live updates.</summary>
    public static IHostApplicationBuilder AddSandbox(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Configuration.GetValue("Sandbox:Enabled", true))
        {
            return builder;
        }

        builder.Services.AddSingleton<SandboxHub>();
        builder.Services.AddSingleton<IChatPlatform, SandboxChatPlatform>();
        builder.Services.AddSingleton<IReportChartCards, SandboxReportChartCards>();
        builder.Services.AddSingleton<IReplyConnector, SandboxTimelineConnector>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in CardJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        return builder;
    }

    public static WebApplication UseSandboxPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<SandboxHub>() is null)
        {
            return app;
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
