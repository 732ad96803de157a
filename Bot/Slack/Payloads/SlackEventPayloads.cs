using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmBot.Bot.Slack.Payloads;

/// <summary>
/// An Events API delivery: <c>url_verification</c> (with <see cref="Challenge"/>), <c>event_callback</c> (with
/// <see cref="Event"/> and <see cref="EventId"/>, the key Slack's retries share) or <c>app_rate_limited</c>.
/// </summary>
public sealed record SlackEventEnvelope
{
    public string? Type { get; init; }
    public string? TeamId { get; init; }
    public string? ApiAppId { get; init; }
    public string? EventId { get; init; }
    public long? EventTime { get; init; }
    public string? Challenge { get; init; }
    public SlackEvent? Event { get; init; }

    /// <summary>Who the event is delivered for; the entry with <c>is_bot</c> is CmBot's own bot user.</summary>
    public IReadOnlyList<SlackAuthorization>? Authorizations { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The inner event: app_mention, message (all subtypes), app_home_opened, and any other type.</summary>
public sealed record SlackEvent
{
    public string? Type { get; init; }
    public string? Subtype { get; init; }
    public string? User { get; init; }
    public string? BotId { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? Channel { get; init; }
    public string? ChannelType { get; init; }
    public string? EventTs { get; init; }

    /// <summary>app_home_opened: "home" or "messages".</summary>
    public string? Tab { get; init; }

    /// <summary>message_changed: the message as it is now.</summary>
    public SlackMessage? Message { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A message as Slack nests it (message_changed, the message a button was clicked on).</summary>
public sealed record SlackMessage
{
    public string? Type { get; init; }
    public string? Subtype { get; init; }
    public string? User { get; init; }
    public string? BotId { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record SlackAuthorization
{
    public string? UserId { get; init; }
    public string? TeamId { get; init; }
    public string? EnterpriseId { get; init; }
    public bool? IsBot { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
