using System.Text.Json.Serialization;

namespace CmBot.Bot.Slack.Payloads;

// Routing views: the few fields the acknowledgement needs (dedup key, is there work to do). Every other field is
// skipped unread, which is several times cheaper than the full payload records with their [JsonExtensionData]; the
// payload itself is stored verbatim, and the processor reads it with the full records.

/// <summary>What the acknowledgement reads of an Events API delivery.</summary>
public sealed record SlackEventRoute
{
    public string? Type { get; set; }
    public string? TeamId { get; set; }
    public string? EventId { get; set; }
    public string? Challenge { get; set; }
    public SlackEventRouteEvent? Event { get; set; }
    public List<SlackAuthorizationRoute>? Authorizations { get; set; }
}

public sealed record SlackEventRouteEvent
{
    public string? Type { get; set; }
    public string? Subtype { get; set; }
    public string? User { get; set; }
    public string? BotId { get; set; }
    public string? Channel { get; set; }
    public string? ChannelType { get; set; }
    public string? Ts { get; set; }
    public string? ThreadTs { get; set; }
}

public sealed record SlackAuthorizationRoute
{
    public string? UserId { get; set; }
    public bool? IsBot { get; set; }
}

/// <summary>What the acknowledgement reads of a block_actions click.</summary>
public sealed record SlackClickRoute
{
    public string? Type { get; set; }
    public SlackIdRoute? User { get; set; }
    public string? TriggerId { get; set; }
    public SlackViewRoute? View { get; set; }
    public List<SlackActionRoute>? Actions { get; set; }
}

public sealed record SlackIdRoute
{
    public string? Id { get; set; }
}

public sealed record SlackViewRoute
{
    public string? Id { get; set; }
    public string? Hash { get; set; }
}

public sealed record SlackActionRoute
{
    public string? ActionId { get; set; }
    public string? ActionTs { get; set; }

    /// <summary>The chosen option of an overflow menu or select.</summary>
    public SlackOptionRoute? SelectedOption { get; set; }
}

public sealed record SlackOptionRoute
{
    public string? Value { get; set; }
}

/// <summary>Source-generated readers for the routing views (snake_case, unknown fields skipped, string fields lenient).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(SlackLenientStringConverter)])]
[JsonSerializable(typeof(SlackEventRoute))]
[JsonSerializable(typeof(SlackClickRoute))]
public sealed partial class SlackRouteJsonContext : JsonSerializerContext;
