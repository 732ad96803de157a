using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Tests.Slack.Inbound;
using CmBot.Bot.Tests.Slack.SocketMode;
using Microsoft.AspNetCore.WebUtilities;

namespace CmBot.Bot.Tests.Slack.Corpus;

/// <summary>
/// The recorded Slack corpus delivered the Socket Mode way: each body wrapped in the envelope Slack uses for its kind
/// (events_api, interactive, slash_commands — a command's form fields become a JSON object) and sent over the
/// WebSocket. Every envelope must be acked by its id (an unacked envelope is delivered again and again; CmBot acks only
/// after storing it or recognising a redelivery).
/// </summary>
public sealed class SocketModeCorpusTests(SocketModeCorpusHost rig) : IClassFixture<SocketModeCorpusHost>
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in SlackCorpusContractTests.Files().Select(row => row.Data))
        {
            // Neither is ever sent over Socket Mode: the URL check and the certificate check are HTTP-only.
            if (!file.Contains("url_verification", StringComparison.Ordinal) && !file.Contains("ssl_check", StringComparison.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Envelope_RecordedPayload_AckedByEnvelopeIdAndStored(string fixture)
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var rowsBefore = (await SlackHost.InboxAsync(rig.Host, ct)).Count;
        var envelopeId = Guid.NewGuid().ToString();
        var (type, payload) = Envelope(fixture);
        var envelope = new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["payload"] = payload,
            ["type"] = type,
            ["accepts_response_payload"] = type != "events_api",
        };

        await rig.Connection.SendAsync(envelope.ToJsonString(), ct);
        var ack = await rig.Connection.NextMessageAsync(ct);

        Assert.Equal(envelopeId, ack.GetProperty("envelope_id").GetString());
        if (type == "events_api")
        {
            // Several recordings reuse an event_id: a redelivered event is acked and kept once, under its id.
            var key = SlackDeliveryRules.EventKey(payload["event_id"]!.GetValue<string>());
            Assert.Contains(await SlackHost.InboxAsync(rig.Host, ct), r => r.DedupKey == key);
        }
        else
        {
            // Some recordings share a trigger_id (the same click or command recorded twice): those are acked as redeliveries.
            Assert.InRange((await SlackHost.InboxAsync(rig.Host, ct)).Count, Math.Max(rowsBefore, 1), rowsBefore + 1);
        }
    }

    private static (string Type, JsonNode Payload) Envelope(string fixture)
    {
        var bytes = SlackFixtures.Bytes(fixture);
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        if (fixture.StartsWith("corpus/events/", StringComparison.Ordinal))
        {
            return ("events_api", JsonNode.Parse(text)!);
        }

        if (fixture.StartsWith("corpus/commands/", StringComparison.Ordinal))
        {
            var fields = new JsonObject();
            foreach (var (name, values) in QueryHelpers.ParseQuery(text))
            {
                fields[name] = values[^1];
            }

            return ("slash_commands", fields);
        }

        var json = fixture.EndsWith(".form.txt", StringComparison.Ordinal) ? QueryHelpers.ParseQuery(text)["payload"][0]! : text;
        return ("interactive", JsonNode.Parse(json)!);
    }
}
