using CmBot.Core.People;
using CmBot.Core.Triage;

namespace CmBot.Bot.Hosting;

/// <summary>
/// Loads every configuration file at start so a mistake stops start-up with its key and reason, instead of
/// surfacing at the first mention or click.
/// </summary>
public sealed class ConfigurationCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PeopleDirectory>();
        services.GetRequiredService<Triager>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
