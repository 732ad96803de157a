using System.Net;
using System.Text.Json.Nodes;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Inbound;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Teams.Corpus;

/// <summary>
/// Replays every recorded activity under Fixtures/Teams/corpus (see its SOURCES.md) through POST /api/messages with a
/// valid Bot Framework token for its serviceUrl: each is answered 200 (an invoke with the body Teams expects when
/// CmBot handles it), with no Error log line; a message that @mentions CmBot gets a reply queued.
/// </summary>
public sealed class TeamsCorpusContractTests(TeamsCorpusHost rig) : IClassFixture<TeamsCorpusHost>
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TeamsFixtures.Path("corpus"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    [Fact]
    public void Corpus_HasTheExpectedBreadth()
    {
        Assert.True(Files().Count >= 25, $"{Files().Count} Teams corpus files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Post_RecordedActivity_200WithoutError(string fixture)
    {
        var ct = TestContext.Current.CancellationToken;
        var logsBefore = rig.Logs.Entries.Count;
        var body = TeamsFixtures.Read($"corpus/{fixture}");
        var activity = JsonNode.Parse(body)!.AsObject();
        var serviceUrl = (string)activity["serviceUrl"]!;
        var repliesBefore = await rig.Host.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == TeamsOutbox.ReplyKind, ct));

        using var response = await rig.Client.PostActivityAsync(body, rig.Identity.Token(serviceUrl));
        var answer = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{fixture}: {(int)response.StatusCode} {answer}\n{NewLogs(logsBefore, LogLevel.Warning)}");
        Assert.True(string.IsNullOrEmpty(NewLogs(logsBefore, LogLevel.Error)), NewLogs(logsBefore, LogLevel.Error));
        if ((string?)activity["type"] == "invoke")
        {
            AssertInvokeAnswer((string?)activity["name"], answer);
        }

        if (MentionsTheBot(activity))
        {
            // A command addressed to CmBot (here "show members" and the like, none of CmBot's) is answered in the thread.
            await Eventually.TrueAsync(
                () => rig.Host.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == TeamsOutbox.ReplyKind, ct)),
                n => n > repliesBefore,
                TimeSpan.FromSeconds(10),
                $"{fixture}: a reply to the mention",
                ct);
        }
    }

    [Theory]
    [InlineData("from")]
    [InlineData("recipient")]
    [InlineData("entities")]
    [InlineData("channelData")]
    [InlineData("attachments")]
    [InlineData("text")]
    [InlineData("timestamp")]
    public async Task Post_RecordedMentionWithoutOptionalMember_200WithoutError(string member)
    {
        var ct = TestContext.Current.CancellationToken;
        var logsBefore = rig.Logs.Entries.Count;
        var activity = JsonNode.Parse(TeamsFixtures.Read("corpus/message.20191020025610932.json"))!.AsObject();
        activity.Remove(member);
        activity["id"] = $"1571540169848-without-{member}";

        using var response = await rig.Client.PostActivityAsync(activity.ToJsonString(), rig.Identity.Token((string)activity["serviceUrl"]!));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}\n{NewLogs(logsBefore, LogLevel.Warning)}");
        Assert.True(string.IsNullOrEmpty(NewLogs(logsBefore, LogLevel.Error)), NewLogs(logsBefore, LogLevel.Error));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Post_RecordedActivityWithoutToken_401(string fixture)
    {
        var body = TeamsFixtures.Read($"corpus/{fixture}");

        using var response = await rig.Client.PostActivityAsync(body, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Post_RecordedActivityWithTokenForAnotherServiceUrl_401(string fixture)
    {
        var body = TeamsFixtures.Read($"corpus/{fixture}");

        using var response = await rig.Client.PostActivityAsync(body, rig.Identity.Token("https://smba.trafficmanager.net/attacker/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Teams shows an error for an empty answer where it expects a body: task modules and message extensions get one.</summary>
    private static void AssertInvokeAnswer(string? name, string answer)
    {
        switch (name)
        {
            case "task/fetch" or "task/submit" or "composeExtension/fetchTask":
                Assert.Equal("message", (string?)JsonNode.Parse(answer)!["task"]!["type"]);
                break;
            case "composeExtension/submitAction":
                Assert.Equal("message", (string?)JsonNode.Parse(answer)!["composeExtension"]!["type"]);
                break;
            case not null when name.StartsWith("composeExtension/", StringComparison.Ordinal):
                var result = JsonNode.Parse(answer)!["composeExtension"]!;
                Assert.Equal("result", (string?)result["type"]);
                Assert.Empty(result["attachments"]!.AsArray());
                break;
            default:
                Assert.Equal(string.Empty, answer);
                break;
        }
    }

    private static bool MentionsTheBot(JsonObject activity) =>
        (string?)activity["type"] == "message"
        && (activity["entities"] as JsonArray ?? []).Any(e => (string?)e?["type"] == "mention" && (string?)e?["mentioned"]?["id"] == (string?)activity["recipient"]?["id"]);

    private string NewLogs(int skip, LogLevel minimum) =>
        string.Join('\n', rig.Logs.Entries.Skip(skip).Where(e => e.Level >= minimum).Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}"));
}
