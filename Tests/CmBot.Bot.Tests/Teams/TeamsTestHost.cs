using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// The real host with Teams enabled against <see cref="FakeBotFrameworkIdentity"/>, the replay feed off, and a
/// people file that maps the Teams users of the recorded activities to demo people.
/// </summary>
public static class TeamsTestHost
{
    /// <summary>from.aadObjectId of the recorded channel message and conversationUpdate ("Dave Taniguchi").</summary>
    public const string CamilleAad = "6b703ce3-6d14-4fe6-b90c-dc5f03657ae4";

    /// <summary>from.aadObjectId of the recorded adaptiveCard/action invoke ("Rido").</summary>
    public const string InesAad = "c5e99701-2a32-49c1-a660-4629ceeb8c61";

    public const string HugoTeamsId = "29:hugo-lead-test-id";

    public static CmBotHost Create(
        TestStore store,
        FakeBotFrameworkIdentity identity,
        IEnumerable<KeyValuePair<string, string?>>? extra = null,
        Action<IServiceCollection>? services = null,
        string appId = FakeBotFrameworkIdentity.AppId,
        bool sendOutbox = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(identity);
        var people = Path.Combine(store.DataFolder, "people.yaml");
        File.WriteAllText(people, $"""
            people:
              - id: camille
                name: Camille Martin
                roles: [community-manager]
                teams: {CamilleAad}
              - id: hugo
                name: Hugo Lefèvre
                roles: [lead]
                teams: "{HugoTeamsId}"
              - id: ines
                name: Inès Moreau
                roles: [legal]
                teams: {InesAad}
              - id: claire
                name: Claire Dubois
                roles: [ceo]
                email: claire.dubois@lumio.example
            """);
        var settings = identity.Settings(appId)
            .Append(new("Feeds:Replay:Enabled", "false"))
            .Append(new("CmBot:PeopleFile", people))
            .Concat(extra ?? []);
        return new CmBotHost(store, settings, s =>
        {
            if (!sendOutbox)
            {
                // Inbound tests look at what was queued; nothing leaves the process (recorded activities name real Microsoft hosts).
                s.Remove(s.Single(d => d.ImplementationType == typeof(OutboxDispatcher)));
            }

            services?.Invoke(s);
        });
    }

    public static async Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, string body, string? token)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A recorded activity with some members replaced (a bot mention's text, the invoke's verb...).</summary>
    public static string Activity(string fixture, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var activity = TeamsFixtures.ReadObject($"activities/{fixture}");
        change(activity);
        return activity.ToJsonString();
    }

    /// <summary>
    /// The recorded <c>adaptiveCard/action</c> invoke as a click on <paramref name="verb"/> by the given Teams user:
    /// Action.Execute data carries the target and the card's inputs; <paramref name="serviceUrl"/> replaces the recorded one.
    /// </summary>
    public static string InvokeActivity(string verb, string targetId, string aadObjectId, IReadOnlyDictionary<string, string>? inputs = null, string trigger = "manual", string? serviceUrl = null) =>
        Activity("invoke.adaptiveCard_action.json", a =>
        {
            a["from"]!["aadObjectId"] = aadObjectId;
            a["value"]!["trigger"] = trigger;
            if (serviceUrl is not null)
            {
                a["serviceUrl"] = serviceUrl;
            }

            var action = a["value"]!["action"]!.AsObject();
            action["verb"] = verb;
            var data = new JsonObject { ["targetId"] = targetId };
            foreach (var (id, value) in inputs ?? new Dictionary<string, string>())
            {
                data[id] = value;
            }

            action["data"] = data;
        });

    /// <summary>Stores an open incident with one mention (enough to acknowledge it and draft a reply) and queues its cards.</summary>
    public static async Task<Incident> SeedIncidentAsync(CmBotHost host, int number, Severity severity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var now = DateTimeOffset.UtcNow;
        var triage = new TriageResult("en", -3, [new RiskHit("safety", "Safety / recall", true, ["exploded"])], "charger", severity, $"{severity}: safety (exploded)");
        var incident = Incident.Open(Guid.NewGuid(), number, $"charger-{number}", $"Charger overheating {number}", triage, 1200, now);
        var mention = Mention.Create(
            Guid.NewGuid(),
            new MentionInput("test", $"m-{number}-{Guid.NewGuid():N}", "https://social.example/p/1", "@ana", 1200, "My Lumio charger **exploded** tonight", "en", now),
            "en",
            triage,
            now);
        mention.AttachTo(incident.Id);
        db.Incidents.Add(incident);
        db.Mentions.Add(mention);
        await scope.ServiceProvider.GetRequiredService<CardPublisher>().IncidentChangedAsync(incident, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        host.Services.GetRequiredService<OutboxSignal>().Notify();
        return incident;
    }
}

/// <summary>Keeps the host's log lines so tests can check what was (and was not) logged.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
