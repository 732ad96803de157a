using System.Diagnostics;
using CmBot.Bot.Actions;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// Cards reach Teams through the outbox and the connector client, against a fake Bot Connector on 127.0.0.1 that
/// enforces the thread limits and answers 429s: nothing lost, nothing twice, in order, edits in place.
/// </summary>
public sealed class TeamsOutboundTests(ITestOutputHelper output)
{
    private const string Alerts = "19:alerts@thread.tacv2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Burst_TwentyFiveAlerts_AllDeliveredOnceInOrderWithinThreadLimits(bool throttled)
    {
        await using var t = await TestBed.StartAsync();
        if (throttled)
        {
            // A short Retry-After is waited in the client, a long one holds the outbox lane; a 503 backs off with jitter.
            t.Connector.Failures.Enqueue((429, 1));
            t.Connector.Failures.Enqueue((503, null));
            t.Connector.Failures.Enqueue((429, 7));
        }

        var clock = Stopwatch.StartNew();

        for (var number = 1; number <= 25; number++)
        {
            await TeamsTestHost.SeedIncidentAsync(t.Host, number, Severity.P2, Ct);
        }

        await t.Host.WaitForOutboxAsync(Ct);
        await Eventually.TrueAsync(() => Task.FromResult(t.Connector.Calls.Count(c => c.Kind == "create")), n => n >= 25, TimeSpan.FromSeconds(60), "25 alerts in Teams", Ct);
        clock.Stop();

        var posts = t.Connector.Calls.Where(c => c.Kind == "create").ToList();
        Assert.Equal(Enumerable.Range(1, 25).Select(n => $"#{n} Charger overheating {n}"), posts.Select(p => p.Title));
        Assert.All(posts, p => Assert.Equal(Alerts, p.Conversation));
        Assert.Equal(throttled ? 3 : 0, t.Connector.InjectedFailures);
        Assert.Equal(0, t.Connector.LimitRefusals);
        var rows = await t.Host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Platform == "teams").ToListAsync(Ct));
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        var refs = await t.Host.QueryAsync(db => db.ChatMessages.AsNoTracking().Where(m => m.Platform == "teams").ToListAsync(Ct));
        Assert.Equal(posts.Select(p => p.ActivityId).Order(), refs.Select(r => r.ExternalId).Order());
        Assert.Equal(1, t.Connector.TokenRequests);
        output.WriteLine($"25 alerts delivered to one Teams channel in {clock.Elapsed.TotalSeconds:0.0} s ({t.Connector.InjectedFailures} injected failures, {t.Connector.LimitRefusals} limit refusals)");
    }

    [Fact]
    public async Task Acknowledge_CardEditedInPlaceAndDraftRepliedInThread()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 1, Severity.P2, Ct);
        await t.Host.WaitForOutboxAsync(Ct);
        var root = Assert.Single(t.Connector.Messages);

        var dispatcher = t.Host.Services.GetRequiredService<ActionDispatcher>();
        var where = new ChatLocation("teams", Alerts, root.Key);
        Assert.True((await dispatcher.DispatchAsync(new ChatAction(ActionVerbs.Acknowledge, incident.Id.ToString(), "camille", where, new Dictionary<string, string>()), Ct)).Succeeded);
        Assert.True((await dispatcher.DispatchAsync(new ChatAction(ActionVerbs.Draft, incident.Id.ToString(), "camille", where, new Dictionary<string, string>()), Ct)).Succeeded);
        await t.Host.WaitForOutboxAsync(Ct);

        var card = t.Connector.Messages[root.Key];
        Assert.True(card.Updates >= 1);
        Assert.Contains("Acknowledged by Camille Martin", card.Card!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        var update = t.Connector.Calls.Last(c => c.Kind == "update" && c.ActivityId == root.Key);
        Assert.Equal($"{Alerts};messageid={root.Key}", update.Conversation);
        var reply = Assert.Single(t.Connector.Calls, c => c.Kind == "reply");
        Assert.Equal(root.Key, reply.ReplyToId);
        Assert.Equal($"{Alerts};messageid={root.Key}", reply.Conversation);
        Assert.StartsWith("Reply draft", reply.Title, StringComparison.Ordinal);
        Assert.Single(t.Connector.Calls, c => c.Kind == "create");
    }

    [Fact]
    public async Task Reaction_LikeOnAlertCard_AcknowledgesAndEditsCard()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 1, Severity.P2, Ct);
        await t.Host.WaitForOutboxAsync(Ct);
        var root = Assert.Single(t.Connector.Messages).Key;
        var serviceUrl = t.Connector.BaseUrl.AbsoluteUri;
        var body = TeamsTestHost.Activity("messageReaction.synthetic.json", a =>
        {
            a["channelId"] = "msteams";
            a["serviceUrl"] = serviceUrl;
            a["replyToId"] = root;
            a["conversation"]!["id"] = $"{Alerts};messageid={root}";
            a["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "29:camille", ["aadObjectId"] = TeamsTestHost.CamilleAad };
        });

        using var response = await t.Client.PostActivityAsync(body, t.Identity.Token(serviceUrl));
        await t.Host.WaitForOutboxAsync(Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(IncidentStatus.Acknowledged, (await t.Host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Ct))).Status);
        Assert.True(t.Connector.Messages[root].Updates >= 1);
    }

    [Fact]
    public async Task Command_StatusFromTeams_AnsweredInTheUsersThread()
    {
        await using var t = await TestBed.StartAsync();
        var serviceUrl = t.Connector.BaseUrl.AbsoluteUri;
        var body = TeamsTestHost.Activity("message.channel.mention.json", a =>
        {
            a["text"] = "<at>My Combined</at> status";
            a["serviceUrl"] = serviceUrl;
        });

        using var response = await t.Client.PostActivityAsync(body, t.Identity.Token(serviceUrl));
        await t.Host.WaitForOutboxAsync(Ct);

        var reply = Assert.Single(t.Connector.Calls, c => c.Kind == "reply");
        Assert.Equal("19:097e6717fd7245bdbeba6baa13840db8@thread.skype;messageid=1571540169848", reply.Conversation);
        Assert.Equal("1571540169848", reply.ReplyToId);
        Assert.Equal("Open incidents", reply.Title);
    }

    [Fact]
    public async Task PostToPerson_NoChatYet_ConversationCreatedOnceAndReused()
    {
        await using var t = await TestBed.StartAsync();
        var teams = t.Host.Services.GetServices<IChatPlatform>().Single(p => p.Name == "teams");

        var first = await teams.PostCardAsync("person:hugo", new Card { Title = "P1: you are on call" }, null, Ct);
        var second = await teams.PostCardAsync("person:hugo", new Card { Title = "Still on call" }, null, Ct);

        var created = Assert.Single(t.Connector.Calls, c => c.Kind == "create-personal");
        Assert.Equal(TeamsTestHost.HugoTeamsId, created.Title);
        Assert.Equal([first, second], t.Connector.Calls.Where(c => c.Kind == "send").Select(c => c.ActivityId));
        Assert.All(t.Connector.Calls.Where(c => c.Kind == "send"), c => Assert.Equal($"a:personal-{TeamsTestHost.HugoTeamsId}", c.Conversation));
        var stored = await t.Host.QueryAsync(db => db.Set<TeamsConversation>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal("personal", stored.ConversationType);
        Assert.Equal(TeamsTestHost.HugoTeamsId, stored.UserAadObjectId);
    }

    [Fact]
    public async Task Send_ConnectorForbids_FailedForGoodNotRetried()
    {
        await using var t = await TestBed.StartAsync();
        t.Connector.Failures.Enqueue((403, null));

        await TeamsTestHost.SeedIncidentAsync(t.Host, 1, Severity.P2, Ct);
        await t.Host.WaitForOutboxAsync(Ct);

        var row = await t.Host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Platform == "teams", Ct));
        Assert.Equal(OutboxState.Failed, row.State);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("403", row.LastError, StringComparison.Ordinal);
        Assert.Empty(t.Connector.Messages);
    }

    [Fact]
    public async Task Send_RemovedFromConversation_FailedWithReason()
    {
        await using var t = await TestBed.StartAsync();
        await t.Host.QueryAsync(async db =>
        {
            db.Set<TeamsConversation>().Add(new TeamsConversation { ConversationId = Alerts, ServiceUrl = t.Connector.BaseUrl.AbsoluteUri, ConversationType = "channel", Active = false });
            return await db.SaveChangesAsync(Ct);
        });

        await TeamsTestHost.SeedIncidentAsync(t.Host, 1, Severity.P2, Ct);
        await t.Host.WaitForOutboxAsync(Ct);

        var row = await t.Host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Platform == "teams", Ct));
        Assert.Equal(OutboxState.Failed, row.State);
        Assert.Contains("removed from Teams conversation", row.LastError, StringComparison.Ordinal);
        Assert.Empty(t.Connector.Calls);
    }

    /// <summary>The host with Teams on (and the sandbox, as shipped), the fake identity for inbound and the fake connector for outbound.</summary>
    private sealed class TestBed : IAsyncDisposable
    {
        private TestBed(FakeBotFrameworkIdentity identity, FakeTeamsConnector connector, TestStore store, CmBotHost host)
        {
            Identity = identity;
            Connector = connector;
            Store = store;
            Host = host;
            Client = host.CreateClient();
        }

        public FakeBotFrameworkIdentity Identity { get; }
        public FakeTeamsConnector Connector { get; }
        public TestStore Store { get; }
        public CmBotHost Host { get; }
        public HttpClient Client { get; }

        public static async Task<TestBed> StartAsync()
        {
            var identity = await FakeBotFrameworkIdentity.StartAsync();
            var connector = await FakeTeamsConnector.StartAsync();
            var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
            var host = TeamsTestHost.Create(store, identity, connector.Settings());
            _ = host.Services;
            return new TestBed(identity, connector, store, host);
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
}
