using CmBot.Bot.Hosting;
using CmBot.Bot.Jobs;
using CmBot.Core.People;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Escalation;

public static class EscalationExtensions
{
    /// <summary>
    /// The escalation policies of escalation.yaml (checked at start by <see cref="ConfigurationCheck"/>), the engine
    /// that fires their steps, and the persistent Quartz triggers that wake it.
    /// </summary>
    public static IHostApplicationBuilder AddEscalation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            return EscalationFile.Load(CmBotOptions.Resolve(root, options.EscalationFile), sp.GetRequiredService<PeopleDirectory>());
        });
        builder.Services.AddScoped<EscalationScheduler>();
        builder.Services.AddScoped<EscalationEngine>();
        builder.Services.AddTriggerReplanner<EscalationRecovery>();
        return builder;
    }
}
