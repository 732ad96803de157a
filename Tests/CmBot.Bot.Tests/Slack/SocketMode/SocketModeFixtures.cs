using System.Text.Json.Nodes;
using System.Web;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>The recorded Socket Mode messages (Fixtures/Slack/socket-mode, copied to the output) and envelopes built from them.</summary>
internal static class SocketModeFixtures
{
    public const string AppMentionEnvelopeId = "cda4159a-72a5-4744-aba3-4d66eb52682b";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Slack", "socket-mode", name));

    public static string Hello => Read("hello.json");

    public static string AppMention => Read("events_api.app_mention.json");

    /// <summary>The recorded disconnect, whose reason is too_many_websockets.</summary>
    public static string TooManyWebsockets => Read("disconnect.json");

    /// <summary>The recorded disconnect with another reason.</summary>
    public static string Disconnect(string reason)
    {
        var message = JsonNode.Parse(TooManyWebsockets)!.AsObject();
        message["reason"] = reason;
        return message.ToJsonString();
    }

    /// <summary>The recorded app_mention envelope under another envelope id (and retry fields, if given).</summary>
    public static string AppMentionAs(string envelopeId, int retryAttempt = 0, string retryReason = "")
    {
        var envelope = JsonNode.Parse(AppMention)!.AsObject();
        envelope["envelope_id"] = envelopeId;
        envelope["retry_attempt"] = retryAttempt;
        envelope["retry_reason"] = retryReason;
        return envelope.ToJsonString();
    }

    /// <summary>An <c>interactive</c> envelope carrying the recorded block_actions payload.</summary>
    public static string BlockActionsEnvelope(string envelopeId) =>
        Envelope(envelopeId, "interactive", JsonNode.Parse(Read("block_actions.button_with_state.json"))!, acceptsResponse: false);

    /// <summary>A <c>slash_commands</c> envelope: the recorded form body's fields as the JSON object Socket Mode sends.</summary>
    public static string SlashCommandEnvelope(string envelopeId)
    {
        var form = HttpUtility.ParseQueryString(Read("slash_command.form.txt"));
        var payload = new JsonObject();
        foreach (var key in form.AllKeys)
        {
            payload[key!] = form[key];
        }

        return Envelope(envelopeId, "slash_commands", payload, acceptsResponse: true);
    }

    public static string Envelope(string envelopeId, string type, JsonNode payload, bool acceptsResponse) =>
        new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["payload"] = payload,
            ["type"] = type,
            ["accepts_response_payload"] = acceptsResponse,
        }.ToJsonString();
}
