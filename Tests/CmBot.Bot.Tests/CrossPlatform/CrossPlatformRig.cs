using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;
using CmBot.Bot.Tests.Teams;

namespace CmBot.Bot.Tests.CrossPlatform;

/// <summary>
/// One CmBot host with both Slack and Teams on: the Slack rig (<see cref="SlackHost"/>, signed requests,
/// <see cref="FakeSlackApi"/>) plus Teams against <see cref="FakeBotFrameworkIdentity"/> and a
/// <see cref="FakeTeamsConnector"/> on loopback, with the sample replay on (its crisis is one P1 incident). Its own
/// people file puts camille (community manager) on Slack only and ines (legal) on Teams only, so each step of a
/// flow can only have come from the platform that person is on.
/// </summary>
public sealed class CrossPlatformRig : IAsyncDisposable
{
    public const string AlertsChannel = "C0CMALERTS";

    private int _clicks;

    private CrossPlatformRig(TestStore store, FakeBotFrameworkIdentity identity, FakeTeamsConnector connector, FakeSlackApi slack, CmBotHost host)
    {
        Store = store;
        Identity = identity;
        Connector = connector;
        Slack = slack;
        Host = host;
        Client = host.CreateClient();
    }

    public TestStore Store { get; }
    public FakeBotFrameworkIdentity Identity { get; }
    public FakeTeamsConnector Connector { get; }
    public FakeSlackApi Slack { get; }
    public CmBotHost Host { get; }
    public HttpClient Client { get; }

    /// <summary>The serviceUrl of Teams activities: the fake connector, so nothing CmBot sends back leaves the machine.</summary>
    public string TeamsServiceUrl => Connector.BaseUrl.AbsoluteUri;

    public static async Task<CrossPlatformRig> StartAsync(CancellationToken cancellationToken, IEnumerable<KeyValuePair<string, string?>>? more = null)
    {
        var store = await TestStore.CreateAsync(TestStore.Sqlite, cancellationToken);
        var identity = await FakeBotFrameworkIdentity.StartAsync();
        var connector = await FakeTeamsConnector.StartAsync();
        var people = Path.Combine(store.DataFolder, "people.cross-platform.yaml");
        await File.WriteAllTextAsync(people, $"""
            people:
              - id: camille
                name: Camille Martin
                roles: [community-manager]
                slack: {SlackHost.Camille}
              - id: hugo
                name: Hugo Lefèvre
                roles: [lead]
                email: hugo.lefevre@lumio.example
              - id: ines
                name: Inès Moreau
                roles: [legal]
                teams: {TeamsTestHost.InesAad}
              - id: paul
                name: Paul Girard
                roles: [comms]
                slack: {SlackHost.Paul}
              - id: claire
                name: Claire Dubois
                roles: [ceo]
                email: claire.dubois@lumio.example
            """, cancellationToken);
        var slack = new FakeSlackApi();
        var host = SlackHost.Create(
            store,
            slack,
            replay: true,
            extra: identity.Settings().Concat(connector.Settings())
                .Append(new("CmBot:PeopleFile", people))
                // A channel id, not the rig's "#cm-alerts": FakeSlackApi cannot look channels up by name, so the cards
                // CmBot posts and updates in Slack are really sent (and the whole outbox can drain).
                .Append(new("Slack:Channels:Alerts", AlertsChannel))
                .Concat(more ?? []));
        return new CrossPlatformRig(store, identity, connector, slack, host);
    }

    /// <summary>A Slack user clicks a CmBot button (block_actions, action_id = verb, value = target); Slack gets its 200.</summary>
    public async Task SlackClickAsync(string verb, string targetId, string slackUserId)
    {
        // Every click is a new interaction: its own trigger_id and action_ts (Slack's redelivery key includes both).
        var n = Interlocked.Increment(ref _clicks);
        var click = SlackInteractivityContractTests.Click(
            verb, targetId, slackUserId, triggerId: $"900{n}.222.cross", actionTs: $"{SlackRequests.Now}.00{n:D4}");
        using var response = await Client.SendAsync(SlackRequests.Interaction(click));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A Slack user submits a CmBot modal with one input value; Slack gets its 200.</summary>
    public async Task SlackSubmitAsync(string callbackId, string privateMetadata, string slackUserId, string inputId, string value)
    {
        using var response = await Client.SendAsync(SlackRequests.Interaction(SlackInteractivityContractTests.Submission(callbackId, privateMetadata, slackUserId, inputId, value)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A Teams user clicks an Action.Execute button; returns the invoke response (HTTP 200 expected).</summary>
    public async Task<JsonObject> TeamsInvokeAsync(string verb, string targetId, string aadObjectId, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var body = TeamsTestHost.InvokeActivity(verb, targetId, aadObjectId, inputs, serviceUrl: TeamsServiceUrl);
        using var response = await Client.PostActivityAsync(body, Identity.Token(TeamsServiceUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
        Store.Dispose();
    }
}
