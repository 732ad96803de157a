using System.Net;
using System.Text;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>What does not come from Slack, or not now, or not for the first time, is refused before anything is stored.</summary>
public sealed class SlackVerificationContractTests
{
    public enum Forgery
    {
        WrongSecret,
        StaleTimestamp,
        FutureTimestamp,
        BodyAlteredAfterSigning,
        NoSignature,
        NoTimestamp,
        NoHeaders,
    }

    [Theory]
    [InlineData(Forgery.WrongSecret)]
    [InlineData(Forgery.StaleTimestamp)]
    [InlineData(Forgery.FutureTimestamp)]
    [InlineData(Forgery.BodyAlteredAfterSigning)]
    [InlineData(Forgery.NoSignature)]
    [InlineData(Forgery.NoTimestamp)]
    [InlineData(Forgery.NoHeaders)]
    public async Task PostEvents_ForgedRequest_401AndNothingStored(Forgery forgery)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();
        var body = SlackFixtures.Bytes("events/app_mention.json");

        using var request = Forge(forgery, body);
        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await SlackHost.InboxAsync(host, ct));
    }

    [Fact]
    public async Task PostEvents_StaleRequest_OneWarningWithTheReasonAndNoSecret()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var logs = new CapturedLogs();
        await using var host = SlackHost.Create(store, new FakeSlackApi(), logs: logs);
        using var client = host.CreateClient();
        using var request = SlackRequests.Event(SlackFixtures.Bytes("events/app_mention.json"), SlackRequests.Now - 600);
        var signature = request.Headers.GetValues(SlackSignatureVerifier.SignatureHeader).Single();

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var line = Assert.Single(logs.Entries, e => e.Category == typeof(SlackHttpReceiver).FullName);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("/slack/events", line.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SlackSignatureCheck.Stale), line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackRequests.Secret, line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(signature[3..], line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/slack/events", "events/app_mention.json", SlackRequests.JsonType)]
    [InlineData("/slack/interactivity", "interactivity/view_submission.form.txt", SlackRequests.FormType)]
    [InlineData("/slack/commands", "commands/slash_command.form.txt", SlackRequests.FormType)]
    public async Task Post_SameSignedRequestTwice_SecondRefusedAsReplay(string path, string fixture, string contentType)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();
        var body = SlackFixtures.Bytes(fixture);
        var timestamp = SlackRequests.Now;

        using var first = await client.SendAsync(SlackRequests.SignedPost(path, body, contentType, timestamp), ct);
        using var replay = await client.SendAsync(SlackRequests.SignedPost(path, body, contentType, timestamp), ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Single(await SlackHost.InboxAsync(host, ct));
    }

    [Fact]
    public async Task PostEvents_ReplayAfterRestart_StillRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var body = SlackFixtures.Bytes("events/message.channel.json");
        var timestamp = SlackRequests.Now;
        await using (var first = SlackHost.Create(store, new FakeSlackApi()))
        {
            using var client = first.CreateClient();
            using var accepted = await client.SendAsync(SlackRequests.Event(body, timestamp), ct);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await using var second = SlackHost.Create(store, new FakeSlackApi());
        using var again = second.CreateClient();
        using var replay = await again.SendAsync(SlackRequests.Event(body, timestamp), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Theory]
    [InlineData("/slack/events", "{\"type\":\"event_callback\"", SlackRequests.JsonType, HttpStatusCode.BadRequest)]
    [InlineData("/slack/events", "[1,2,3]", SlackRequests.JsonType, HttpStatusCode.BadRequest)]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\"}}", SlackRequests.JsonType, HttpStatusCode.BadRequest)]
    [InlineData("/slack/events", "{\"type\":7}", SlackRequests.JsonType, HttpStatusCode.BadRequest)]
    [InlineData("/slack/interactivity", "payload=%7B%22type%22%3A", SlackRequests.FormType, HttpStatusCode.BadRequest)]
    [InlineData("/slack/interactivity", "token=x", SlackRequests.FormType, HttpStatusCode.BadRequest)]
    [InlineData("/slack/interactivity", "payload=%7B%22user%22%3A%7B%7D%7D", SlackRequests.FormType, HttpStatusCode.BadRequest)]
    [InlineData("/slack/commands", "text=hello", SlackRequests.FormType, HttpStatusCode.BadRequest)]
    [InlineData("/slack/events", "{\"type\":\"event_callback\"}", SlackRequests.FormType, HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/slack/interactivity", "payload=%7B%7D", SlackRequests.JsonType, HttpStatusCode.UnsupportedMediaType)]
    public async Task Post_SignedButMalformed_4xxNever500(string path, string body, string contentType, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.SignedPost(path, Encoding.UTF8.GetBytes(body), contentType), ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await SlackHost.InboxAsync(host, ct));
    }

    [Fact]
    public async Task PostEvents_BodyOverOneMegabyte_413()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();
        var body = Encoding.UTF8.GetBytes("{\"type\":\"event_callback\",\"pad\":\"" + new string('x', SlackHttpReceiver.MaxBodyBytes) + "\"}");

        using var response = await client.SendAsync(SlackRequests.Event(body), ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static HttpRequestMessage Forge(Forgery forgery, byte[] body)
    {
        var now = SlackRequests.Now;
        switch (forgery)
        {
            case Forgery.WrongSecret:
                return SlackRequests.SignedPost(SlackInboundExtensions.EventsPath, body, SlackRequests.JsonType, now, secret: "someone-elses-secret");
            case Forgery.StaleTimestamp:
                return SlackRequests.Event(body, now - 301);
            case Forgery.FutureTimestamp:
                return SlackRequests.Event(body, now + 600); // well past the window, even on a slow run
            case Forgery.BodyAlteredAfterSigning:
                var signed = SlackRequests.Event(body, now);
                var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("Hi there!", "Hi th3re!", StringComparison.Ordinal));
                var content = new ByteArrayContent(altered);
                content.Headers.ContentType = signed.Content!.Headers.ContentType;
                signed.Content = content;
                return signed;
            case Forgery.NoSignature:
                var noSignature = SlackRequests.Event(body, now);
                noSignature.Headers.Remove(SlackSignatureVerifier.SignatureHeader);
                return noSignature;
            case Forgery.NoTimestamp:
                var noTimestamp = SlackRequests.Event(body, now);
                noTimestamp.Headers.Remove(SlackSignatureVerifier.TimestampHeader);
                return noTimestamp;
            default:
                return SlackRequests.UnsignedPost(SlackInboundExtensions.EventsPath, body, SlackRequests.JsonType);
        }
    }
}
