using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.Corpus;

/// <summary>
/// Replays every recorded body under Fixtures/Slack/corpus (see its SOURCES.md) through the real host, signed with the
/// test secret: each must be answered 2xx, stored once in the inbox (nothing acknowledged is lost), then acted on or
/// ignored by the processor — never failed, never an Error log line.
/// </summary>
public sealed class SlackCorpusContractTests(SlackCorpusHost rig) : IClassFixture<SlackCorpusHost>
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "events", "interactivity", "commands" })
        {
            foreach (var file in SlackFixtures.Files($"corpus/{folder}", "*.*").Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_HasTheExpectedBreadth()
    {
        Assert.True(Files().Count >= 40, $"{Files().Count} Slack corpus files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Post_RecordedPayload_AcknowledgedStoredAndSettledWithoutError(string fixture)
    {
        var ct = TestContext.Current.CancellationToken;
        var logsBefore = rig.Logs.Entries.Count;
        var rowsBefore = (await SlackHost.InboxAsync(rig.Host, ct)).Count;

        using var response = await rig.Client.SendAsync(Request(fixture), ct);
        var answer = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.IsSuccessStatusCode, $"{fixture}: {(int)response.StatusCode} {answer}\n{NewLogs(logsBefore, LogLevel.Warning)}");
        if (fixture.Contains("url_verification", StringComparison.Ordinal))
        {
            using var sent = JsonDocument.Parse(SlackFixtures.Bytes(fixture));
            using var echoed = JsonDocument.Parse(answer);
            Assert.Equal(sent.RootElement.GetProperty("challenge").GetString(), echoed.RootElement.GetProperty("challenge").GetString());
            return;
        }

        var rows = await SlackHost.InboxAsync(rig.Host, ct);
        if (fixture.Contains("ssl_check", StringComparison.Ordinal))
        {
            // Slack's certificate check: an empty 200, nothing to store.
            Assert.Equal(string.Empty, answer);
            Assert.Equal(rowsBefore, rows.Count);
            return;
        }

        Assert.Equal(rowsBefore + 1, rows.Count);
        var id = rows[^1].Id;
        var settled = await Eventually.TrueAsync(
            async () => (await SlackHost.InboxAsync(rig.Host, ct)).Single(r => r.Id == id),
            r => r.State is not (SlackInboxState.Pending or SlackInboxState.Processing),
            TimeSpan.FromSeconds(15),
            $"{fixture} to be processed",
            ct);
        Assert.NotEqual(SlackInboxState.Failed, settled.State);
        Assert.True(string.IsNullOrEmpty(NewLogs(logsBefore, LogLevel.Error)), NewLogs(logsBefore, LogLevel.Error));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Post_RecordedPayloadSignedWithAnotherSecret_401AndNothingStored(string fixture)
    {
        var ct = TestContext.Current.CancellationToken;
        var rowsBefore = (await SlackHost.InboxAsync(rig.Host, ct)).Count;
        using var genuine = Request(fixture);
        var body = await genuine.Content!.ReadAsByteArrayAsync(ct);

        using var forged = SlackRequests.SignedPost(genuine.RequestUri!.ToString(), body, genuine.Content.Headers.ContentType!.ToString(), secret: "not-the-signing-secret-0123456789");
        using var response = await rig.Client.SendAsync(forged, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(rowsBefore, (await SlackHost.InboxAsync(rig.Host, ct)).Count);
    }

    [Theory]
    [InlineData("user_change", "user")]
    [InlineData("team_join", "user")]
    [InlineData("channel_created", "channel")]
    [InlineData("channel_rename", "channel")]
    public async Task PostEvents_EventWhoseUserOrChannelIsAnObject_AcknowledgedAndIgnored(string type, string objectField)
    {
        var ct = TestContext.Current.CancellationToken;
        var rowsBefore = (await SlackHost.InboxAsync(rig.Host, ct)).Count;

        // The recorded app_mention delivery, its event replaced by one whose user/channel is an object (as Slack sends
        // user_change, team_join, channel_created, channel_rename) and given its own event_id.
        var json = SlackFixtures.Json("corpus/events/event_callback.app_mention.1.json");
        json["event_id"] = $"Ev{type}";
        json["event"] = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = type,
            [objectField] = new System.Text.Json.Nodes.JsonObject { ["id"] = "C0OBJECT", ["name"] = "fun", ["created"] = 1360782804 },
            ["event_ts"] = "1360782804.000100",
        };
        using var response = await rig.Client.SendAsync(SlackRequests.Event(Encoding.UTF8.GetBytes(json.ToJsonString())), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await SlackHost.InboxAsync(rig.Host, ct);
        Assert.Equal(rowsBefore + 1, rows.Count);
        Assert.Equal(type, rows[^1].Type);
        Assert.Equal(SlackInboxState.Ignored, rows[^1].State);
    }

    private string NewLogs(int skip, LogLevel minimum) =>
        string.Join('\n', rig.Logs.Entries.Skip(skip).Where(e => e.Level >= minimum).Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}"));

    /// <summary>The request Slack would send for this file: events as JSON, interactivity as payload=..., commands as their form.</summary>
    internal static HttpRequestMessage Request(string fixture)
    {
        var bytes = SlackFixtures.Bytes(fixture);
        if (fixture.StartsWith("corpus/events/", StringComparison.Ordinal))
        {
            return SlackRequests.Event(bytes);
        }

        if (fixture.StartsWith("corpus/commands/", StringComparison.Ordinal))
        {
            return SlackRequests.Command(bytes);
        }

        // A .form.txt body was recorded form-encoded already; a .json payload is what Slack url-encodes into payload=.
        return SlackRequests.Interaction(fixture.EndsWith(".form.txt", StringComparison.Ordinal)
            ? bytes
            : Encoding.UTF8.GetBytes("payload=" + HttpUtility.UrlEncode(Encoding.UTF8.GetString(bytes))));
    }
}
