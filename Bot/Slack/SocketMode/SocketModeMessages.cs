using System.Text.Json;
using System.Text.Json.Serialization;
using CmBot.Bot.Slack.Inbound;

namespace CmBot.Bot.Slack.SocketMode;

/// <summary>The <c>type</c> of each Socket Mode message, and which inbound kind an envelope carries.</summary>
internal static class SocketModeTypes
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string EventsApi = "events_api";
    public const string Interactive = "interactive";
    public const string SlashCommands = "slash_commands";

    /// <summary>The transport-neutral kind for an envelope type; null for a type CmBot does not handle.</summary>
    public static SlackPayloadKind? ToPayloadKind(string? envelopeType) => envelopeType switch
    {
        EventsApi => SlackPayloadKind.Event,
        Interactive => SlackPayloadKind.Interactivity,
        SlashCommands => SlackPayloadKind.Command,
        _ => null,
    };
}

/// <summary>Why Slack is closing a connection (the <c>reason</c> of a <c>disconnect</c> message).</summary>
internal static class SocketModeDisconnectReasons
{
    /// <summary>The connection will be refreshed in a few seconds.</summary>
    public const string Warning = "warning";

    /// <summary>The connection is about to be closed: open a new one now.</summary>
    public const string RefreshRequested = "refresh_requested";

    /// <summary>Socket Mode was turned off in the app's configuration: reconnecting cannot succeed.</summary>
    public const string LinkDisabled = "link_disabled";

    /// <summary>The app holds more connections than Slack allows (10).</summary>
    public const string TooManyWebsockets = "too_many_websockets";

    /// <summary>Reasons that announce a routine refresh: the replacement is opened before this one closes.</summary>
    public static bool IsRefresh(string? reason) => reason is Warning or RefreshRequested;
}

/// <summary>One message Slack sends over a Socket Mode WebSocket.</summary>
internal abstract record SocketModeMessage
{
    /// <summary>Fields this version of CmBot does not know, kept rather than lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Sent once when a connection is ready; nothing arrives on it before.</summary>
internal sealed record SocketModeHello : SocketModeMessage
{
    [JsonPropertyName("num_connections")]
    public int? NumConnections { get; init; }

    [JsonPropertyName("debug_info")]
    public SocketModeDebugInfo? DebugInfo { get; init; }
}

/// <summary>Slack's notes about a connection: which host serves it and roughly how long it will live.</summary>
internal sealed record SocketModeDebugInfo
{
    [JsonPropertyName("host")]
    public string? Host { get; init; }

    /// <summary>Seconds until Slack refreshes this connection.</summary>
    [JsonPropertyName("approximate_connection_time")]
    public int? ApproximateConnectionTime { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Slack is about to close this connection, and says why.</summary>
internal sealed record SocketModeDisconnect : SocketModeMessage
{
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("debug_info")]
    public SocketModeDebugInfo? DebugInfo { get; init; }
}

/// <summary>A delivery (event, interaction, slash command) to acknowledge by its <see cref="EnvelopeId"/>.</summary>
internal sealed record SocketModeEnvelope : SocketModeMessage
{
    [JsonPropertyName("envelope_id")]
    public required string EnvelopeId { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("payload")]
    public JsonElement Payload { get; init; }

    /// <summary>Whether the ack may carry a response (slash commands, view submissions).</summary>
    [JsonPropertyName("accepts_response_payload")]
    public bool AcceptsResponsePayload { get; init; }

    /// <summary>0 on the first delivery; Slack's counterpart of X-Slack-Retry-Num.</summary>
    [JsonPropertyName("retry_attempt")]
    public int? RetryAttempt { get; init; }

    [JsonPropertyName("retry_reason")]
    public string? RetryReason { get; init; }
}

/// <summary>A message of a type CmBot does not handle; it is logged and ignored.</summary>
internal sealed record SocketModeUnknownMessage(string? Type) : SocketModeMessage;

/// <summary>What CmBot sends back for an envelope: its id and, for commands and modals, the response.</summary>
internal sealed record SocketModeAck(
    [property: JsonPropertyName("envelope_id")] string EnvelopeId,
    [property: JsonPropertyName("payload")] JsonElement? Payload);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SocketModeHello))]
[JsonSerializable(typeof(SocketModeDisconnect))]
[JsonSerializable(typeof(SocketModeEnvelope))]
[JsonSerializable(typeof(SocketModeAck))]
internal sealed partial class SocketModeJson : JsonSerializerContext;

/// <summary>Reads one complete WebSocket text message into the matching typed message.</summary>
internal static class SocketModeMessageReader
{
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static SocketModeMessage Read(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A Socket Mode message must be a JSON object, not {root.ValueKind}.");
        }

        var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return type switch
        {
            SocketModeTypes.Hello => root.Deserialize(SocketModeJson.Default.SocketModeHello)!,
            SocketModeTypes.Disconnect => root.Deserialize(SocketModeJson.Default.SocketModeDisconnect)!,

            // Any message with an envelope id expects an ack, even of a type CmBot does not handle.
            _ when root.TryGetProperty("envelope_id", out var id) && id.ValueKind == JsonValueKind.String
                => root.Deserialize(SocketModeJson.Default.SocketModeEnvelope)!,
            _ => new SocketModeUnknownMessage(type),
        };
    }

    public static byte[] WriteAck(SocketModeAck ack) => JsonSerializer.SerializeToUtf8Bytes(ack, SocketModeJson.Default.SocketModeAck);
}
