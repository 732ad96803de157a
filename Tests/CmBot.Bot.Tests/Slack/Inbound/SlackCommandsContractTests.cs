using System.Net;
using System.Text.Json.Nodes;
using CmBot.Bot.Slack.Commands;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.People;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>POST /slack/commands with the recorded slash command form; the answer comes back in the response.</summary>
public sealed class SlackCommandsContractTests
{
    [Fact]
    public async Task PostCommands_RecordedUnknownText_CmResponderAnswersHelpWithReasonAndStored()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Command(SlackFixtures.Bytes("commands/slash_command.form.txt")), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        // The recorded command says "Hi": the /cm responder answers with help and the reason, privately.
        Assert.Equal("I did not understand: unknown command 'Hi'.", body["text"]!.GetValue<string>());
        Assert.Contains("/cm status", body["blocks"]![1]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var row = Assert.Single(await SlackHost.InboxAsync(host, ct));
        Assert.Equal("/hello-world", row.Type);
        Assert.Equal("command:111.111.xxx", row.DedupKey);
        Assert.Equal(SlackInboxState.Ignored, row.State);
        Assert.Equal("Hi", JsonNode.Parse(row.Payload)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCommands_ResponderRegistered_ItsAnswerForTheMappedPersonIsTheResponse()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var responder = new EchoResponder();
        await using var host = SlackHost.Create(store, new FakeSlackApi(), services: s => s.AddSingleton<ISlashCommandResponder>(responder));
        using var client = host.CreateClient();

        // The recorded command, typed by camille (user_id edited in the form: W111 -> her Slack id).
        var form = SlackFixtures.Text("commands/slash_command.form.txt").Replace("user_id=W111", "user_id=" + SlackHost.Camille, StringComparison.Ordinal);
        using var response = await client.SendAsync(SlackRequests.Command(System.Text.Encoding.UTF8.GetBytes(form)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        Assert.Equal("camille in C111: Hi", body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCommands_ResponderThrows_FriendlyEphemeralNot500()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi(), services: s => s.AddSingleton<ISlashCommandResponder>(new BrokenResponder()));
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Command(SlackFixtures.Bytes("commands/slash_command.form.txt")), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SlackInboundTexts.English.Failed, JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCommands_SslCheck_200WithoutStoring()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Command("ssl_check=1&token=verification_token"u8.ToArray()), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await SlackHost.InboxAsync(host, ct));
    }

    [Fact]
    public async Task PostCommands_SignedCommandThatAlsoCarriesSslCheck_AnsweredAsTheCommand()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        // bolt-python's recorded command body with ssl_check=1 appended: a command is never dropped as a certificate check.
        using var response = await client.SendAsync(SlackRequests.Command(SlackFixtures.Bytes("corpus/commands/more.slash_command.2.form.txt")), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(0, response.Content.Headers.ContentLength);
        Assert.Equal("/hello-world", Assert.Single(await SlackHost.InboxAsync(host, ct)).Type);
    }

    private sealed class EchoResponder : ISlashCommandResponder
    {
        public Task<JsonObject> RespondAsync(string text, Person person, string channelId, CancellationToken cancellationToken) =>
            Task.FromResult(new JsonObject { ["response_type"] = "ephemeral", ["text"] = $"{person.Id} in {channelId}: {text}" });
    }

    private sealed class BrokenResponder : ISlashCommandResponder
    {
        public Task<JsonObject> RespondAsync(string text, Person person, string channelId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("responder bug");
    }
}
