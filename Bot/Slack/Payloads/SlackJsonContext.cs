using System.Text.Json.Serialization;

namespace CmBot.Bot.Slack.Payloads;

/// <summary>
/// Source-generated (de)serializers for Slack's snake_case payloads: no reflection on the request path, and unknown
/// fields land in each record's <c>Extra</c> instead of being lost; string fields never fail on another JSON type
/// (<see cref="SlackLenientStringConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SlackLenientStringConverter)])]
[JsonSerializable(typeof(SlackEventEnvelope))]
[JsonSerializable(typeof(SlackBlockActionsPayload))]
[JsonSerializable(typeof(SlackViewSubmissionPayload))]
[JsonSerializable(typeof(SlackViewClosedPayload))]
[JsonSerializable(typeof(SlackShortcutPayload))]
[JsonSerializable(typeof(SlackSlashCommand))]
public sealed partial class SlackJsonContext : JsonSerializerContext;
