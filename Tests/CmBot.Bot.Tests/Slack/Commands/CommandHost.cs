using System.Text.Json.Nodes;
using CmBot.Bot.Slack.Commands;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Slack.Commands;

/// <summary>What the /cm tests do with the real host: type a command as someone, read the blocks back.</summary>
internal static class CommandHost
{
    public const string Channel = "C0CMALERTS";

    public static IEnumerable<KeyValuePair<string, string?>> WithoutFeed(string language = "en") =>
    [
        new("Feeds:Replay:Enabled", "false"),
        new("CmBot:Language", language),
    ];

    public static Person Person(this CmBotHost host, string id) =>
        host.Services.GetRequiredService<PeopleDirectory>().FindById(id) ?? throw new InvalidOperationException($"No person '{id}' in the sample team.");

    public static async Task<JsonObject> TypeAsync(this CmBotHost host, Person person, string text, CancellationToken cancellationToken)
    {
        var responder = host.Services.GetRequiredService<ISlashCommandResponder>();
        var reply = await responder.RespondAsync(text, person, Channel, cancellationToken);
        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)reply["text"]));
        return reply;
    }

    /// <summary>Every mrkdwn text of the reply (section texts and context elements), in order.</summary>
    public static IReadOnlyList<string> Texts(JsonObject reply)
    {
        var texts = new List<string>();
        foreach (var block in reply["blocks"]!.AsArray())
        {
            var objects = block!["text"] is { } text ? [text] : block["elements"]?.AsArray().ToList() ?? [];
            foreach (var item in objects)
            {
                Assert.Equal("mrkdwn", (string?)item!["type"]);
                Assert.True((bool?)item["verbatim"]);
                texts.Add((string)item["text"]!);
            }
        }

        return texts;
    }

    public static string AllText(JsonObject reply) => string.Join('\n', Texts(reply));

    /// <summary>An incident written straight to the store, for titles and reasons no sample mention would produce.</summary>
    public static Task AddIncidentAsync(this CmBotHost host, int number, string title, string reason, DateTimeOffset openedAt, CancellationToken cancellationToken) =>
        host.QueryAsync(async db =>
        {
            var triage = new TriageResult("en", -3, [], null, Severity.P2, reason);
            db.Incidents.Add(Incident.Open(Guid.NewGuid(), number, $"test:{number}", title, triage, 100, openedAt));
            return await db.SaveChangesAsync(cancellationToken);
        });
}
