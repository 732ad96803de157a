using CmBot.Bot.Slack;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Slack.Web;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>
/// CmBot with Slack enabled in HTTP mode (test signing secret, Web API pointed at a dead loopback port and replaced by
/// <see cref="FakeSlackApi"/>), on its own people file where camille and ines have Slack ids and hugo only an e-mail.
/// </summary>
public static class SlackHost
{
    public const string Camille = "U0CAMILLE";
    public const string Ines = "U0INES";
    public const string Hugo = "U0HUGO";
    public const string Paul = "U0PAUL";
    public const string Stranger = "U0STRANGER";

    /// <summary>Creates the host; <paramref name="extra"/> settings are applied last (another people file, Teams on...).</summary>
    public static CmBotHost Create(
        TestStore store,
        FakeSlackApi api,
        bool replay = false,
        bool processor = true,
        Action<IServiceCollection>? services = null,
        CapturedLogs? logs = null,
        IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var people = Path.Combine(store.DataFolder, "people.yaml");
        File.WriteAllText(people, $"""
            people:
              - id: camille
                name: Camille Martin
                roles: [community-manager]
                email: camille.martin@lumio.example
                slack: {Camille}
              - id: hugo
                name: Hugo Lefèvre
                roles: [lead]
                email: hugo.lefevre@lumio.example
              - id: ines
                name: Inès Moreau
                roles: [legal]
                email: ines.moreau@lumio.example
                slack: {Ines}
              - id: paul
                name: Paul Girard
                roles: [comms]
                email: paul.girard@lumio.example
                slack: {Paul}
              - id: claire
                name: Claire Dubois
                roles: [ceo]
                email: claire.dubois@lumio.example
            """);
        IEnumerable<KeyValuePair<string, string?>> settings =
            [
                new("Slack:Enabled", "true"),
                new("Slack:SigningSecret", SlackRequests.Secret),
                new("Slack:BotToken", "xoxb-test"),
                new("Slack:Channels:Alerts", "#cm-alerts"),
                new("Slack:ApiBaseUrl", "http://127.0.0.1:9/api/"),
                new("CmBot:PeopleFile", people),
                new("Feeds:Replay:Enabled", replay ? "true" : "false"),
            ];
        return new CmBotHost(
            store,
            settings.Concat(extra ?? []),
            s =>
            {
                s.AddSingleton<ISlackApi>(api);
                if (logs is not null)
                {
                    s.AddSingleton<ILoggerProvider>(logs);
                }

                s.AddSingleton<ISlackUserDirectory>(api);
                if (!processor)
                {
                    // "Killed between the acknowledgement and the processing": nothing acts on the inbox.
                    s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SlackInboxProcessor)));
                }

                services?.Invoke(s);
            });
    }

    /// <summary>Waits until the sample feed is fully replayed (its crisis is then one P1 incident); returns that incident's id.</summary>
    public static async Task<Guid> WaitForIncidentAsync(CmBotHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Mentions.CountAsync(cancellationToken)),
            count => count == CmBotHost.SampleMentions,
            TimeSpan.FromSeconds(90),
            "the sample replay to be ingested",
            cancellationToken);
        return (await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(cancellationToken))).Id;
    }

    public static Task<Incident> IncidentAsync(CmBotHost host, Guid id, CancellationToken cancellationToken) =>
        host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken));

    public static Task<List<SlackInboxItem>> InboxAsync(CmBotHost host, CancellationToken cancellationToken) =>
        host.QueryAsync(db => db.SlackInbox.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken));
}
