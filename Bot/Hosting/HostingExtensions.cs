using CmBot.Core.People;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Hosting;

public static class HostingExtensions
{
    /// <summary>Typed options checked at start, the people directory, time, health checks.</summary>
    public static IHostApplicationBuilder AddCmBotHost(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (Environment.GetEnvironmentVariable("CMBOT_DATA") is { Length: > 0 } data)
        {
            builder.Configuration[$"{CmBotOptions.Section}:{nameof(CmBotOptions.DataFolder)}"] = data;
        }

        builder.Services.AddOptions<CmBotOptions>()
            .Bind(builder.Configuration.GetSection(CmBotOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            var path = CmBotOptions.Resolve(builder.Environment.ContentRootPath, options.PeopleFile);
            return new PeopleDirectory(PeopleFile.Load(path));
        });
        builder.Services.AddHostedService<ConfigurationCheck>();
        builder.Services.AddHealthChecks();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        // Chat payloads are small; a large body is a mistake or an attack.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 1024 * 1024);
        return builder;
    }

    public static IEndpointRouteBuilder MapCmBotHost(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }
}
