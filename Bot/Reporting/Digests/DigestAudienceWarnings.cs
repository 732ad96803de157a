using CmBot.Bot.Chat;
using CmBot.Core.People;

namespace CmBot.Bot.Reporting.Digests;

/// <summary>
/// At start, after the configuration check: a digest whose audience has no channel on a platform still goes out
/// (to the alerts or direction channel), and the admin is told once, with the key to set.
/// </summary>
public sealed partial class DigestAudienceWarnings(
    ReportingSettings settings,
    IEnumerable<IChatPlatform> platforms,
    PeopleDirectory people,
    ILogger<DigestAudienceWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in DigestDestinations.Fallbacks(settings.Schedules, platforms, people))
        {
            LogFallback(warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting: {Warning}")]
    private partial void LogFallback(string warning);
}
