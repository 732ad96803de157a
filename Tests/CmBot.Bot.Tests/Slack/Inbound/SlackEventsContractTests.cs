using System.Net;
using System.Text.Json;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>POST /slack/events with the recorded Events API bodies, signed with the test secret.</summary>
public sealed class SlackEventsContractTests
{
    [Fact]
    public async Task PostEvents_UrlVerification_EchoesTheChallenge()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Event(SlackFixtures.Bytes("events/url_verification.json")), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body.RootElement.GetProperty("challenge").GetString());
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task PostEvents_SlackRetriesTheSameEventId_StoredAndAnsweredOnce(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        var api = new FakeSlackApi();
        var logs = new CapturedLogs();
        await using var host = SlackHost.Create(store, api, logs: logs);
        using var client = host.CreateClient();
        var body = SlackFixtures.Bytes("events/app_mention.json");

        // Slack re-signs a retry (new timestamp) and adds X-Slack-Retry-Num; the body and its event_id are the same.
        using var first = await client.SendAsync(SlackRequests.Event(body, SlackRequests.Now - 2), ct);
        using var retry = await client.SendAsync(SlackRequests.Event(body, SlackRequests.Now - 1, retryNum: 1), ct);

        Assert.True(HttpStatusCode.OK == first.StatusCode, string.Join("\n", logs.Entries.Where(e => e.Level >= LogLevel.Warning)));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var rows = await SlackHost.InboxAsync(host, ct);
        var stored = Assert.Single(rows, r => r.DedupKey == "event:Ev111");
        Assert.Equal(SlackPayloadKind.Event, stored.Kind);
        Assert.Equal("app_mention", stored.Type);
        Assert.Equal(SlackFixtures.Text("events/app_mention.json"), stored.Payload);
        Assert.Single(rows, r => r.State == SlackInboxState.Duplicate && r.RetryNum == 1);
        await Eventually.TrueAsync(() => Task.FromResult(api.Ephemerals.Count), n => n >= 1, TimeSpan.FromSeconds(10), "the help answer", ct);
        await Task.Delay(300, ct);
        Assert.Single(api.Ephemerals);
    }

    [Fact]
    public async Task PostEvents_AppMention_HelpAnsweredPrivatelyInTheThread()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api);
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Event(SlackFixtures.Bytes("events/app_mention.json")), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Eventually.TrueAsync(() => Task.FromResult(api.Ephemerals.ToArray()), a => a.Length == 1, TimeSpan.FromSeconds(10), "the help answer", ct);
        Assert.Equal(new FakeSlackApi.Ephemeral("C111", "W222", SlackInboundTexts.English.Help, "1595926230.009600"), answer[0]);
        await Eventually.TrueAsync(() => SlackHost.InboxAsync(host, ct), rows => rows.Single().State == SlackInboxState.Done, TimeSpan.FromSeconds(10), "the mention to be marked done", ct);
    }

    [Theory]
    [InlineData("events/message.bot_message.json", "message")]
    [InlineData("events/message.channel.json", "message")]
    [InlineData("events/message.message_changed.json", "message")]
    [InlineData("events/message.thread_reply.json", "message")]
    [InlineData("events/reaction_added.json", "reaction_added")]
    public async Task PostEvents_RecordedEventCmBotDoesNotAnswer_StoredIgnoredAndSilent(string fixture, string type)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api);
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Event(SlackFixtures.Bytes(fixture)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        var row = Assert.Single(await SlackHost.InboxAsync(host, ct));
        Assert.Equal(type, row.Type);
        Assert.Equal(SlackInboxState.Ignored, row.State);
        Assert.Empty(api.Ephemerals);
        Assert.Empty(api.Messages);
    }

    [Fact]
    public async Task PostEvents_DirectMessageFromAPerson_HelpPostedInTheDm()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api);
        using var client = host.CreateClient();

        // The recorded channel message, delivered as a DM (channel D..., channel_type im): edited in memory.
        var json = SlackFixtures.Json("events/message.channel.json");
        json["event"]!["channel"] = "D0DM";
        json["event"]!["channel_type"] = "im";
        using var response = await client.SendAsync(SlackRequests.Event(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await Eventually.TrueAsync(() => Task.FromResult(api.Messages.ToArray()), m => m.Length == 1, TimeSpan.FromSeconds(10), "the help message", ct);
        Assert.Equal(new FakeSlackApi.Posted("D0DM", SlackInboundTexts.English.Help, null), posted[0]);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task PostEvents_ManyDistinctEventsAtOnce_EachStoredExactlyOnceBeforeItsAck(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        // The recorded channel message, each copy with its own event_id (as Slack numbers deliveries).
        var bodies = Enumerable.Range(0, 300).Select(i =>
        {
            var json = SlackFixtures.Json("events/message.channel.json");
            json["event_id"] = $"Ev{i:D5}";
            return System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        }).ToList();
        var responses = await Task.WhenAll(bodies.Select(b => client.SendAsync(SlackRequests.Event(b), ct)));

        // Every 2xx was given after the commit holding its row: all rows are there the moment the last ack is in.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var rows = await SlackHost.InboxAsync(host, ct);
        Assert.Equal(300, rows.Count);
        Assert.Equal(300, rows.Select(r => r.DedupKey).Distinct().Count());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task PostEvents_SameEventIdManyTimesAtOnce_OneRowEveryRequestAcknowledged()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();
        var body = SlackFixtures.Bytes("events/reaction_added.json");

        // Distinct timestamps give distinct signatures: these are retries racing each other, not replays.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.SendAsync(SlackRequests.Event(body, SlackRequests.Now - i), ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var rows = await SlackHost.InboxAsync(host, ct);
        Assert.Single(rows, r => r.DedupKey == "event:Ev111");
        Assert.Equal(19, rows.Count(r => r.State == SlackInboxState.Duplicate));
        Assert.Equal(20, rows.Select(r => r.Signature).Distinct().Count());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
