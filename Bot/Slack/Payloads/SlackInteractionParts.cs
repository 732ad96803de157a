using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmBot.Bot.Slack.Payloads;

/// <summary>The user who clicked, submitted or typed.</summary>
public sealed record SlackUserRef
{
    public string? Id { get; init; }
    public string? Username { get; init; }
    public string? Name { get; init; }
    public string? TeamId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record SlackTeamRef
{
    public string? Id { get; init; }
    public string? Domain { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record SlackChannelRef
{
    public string? Id { get; init; }
    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Where a block_actions click happened: a message (channel + ts, maybe in a thread) or a view.</summary>
public sealed record SlackContainer
{
    public string? Type { get; init; }
    public string? MessageTs { get; init; }
    public string? ThreadTs { get; init; }
    public string? ChannelId { get; init; }
    public bool? IsEphemeral { get; init; }
    public string? ViewId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One element that fired in a block_actions payload (a button: action_id + value).</summary>
public sealed record SlackBlockAction
{
    public string? ActionId { get; init; }
    public string? BlockId { get; init; }
    public string? Type { get; init; }
    public string? Value { get; init; }
    public string? ActionTs { get; init; }
    public SlackOption? SelectedOption { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record SlackOption
{
    public string? Value { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The inputs of a message or modal: block_id -> action_id -> value.</summary>
public sealed record SlackState
{
    public Dictionary<string, Dictionary<string, SlackStateValue>>? Values { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An input's current value: <see cref="Value"/> for text inputs, <see cref="SelectedOption"/> for selects.</summary>
public sealed record SlackStateValue
{
    public string? Type { get; init; }
    public string? Value { get; init; }
    public SlackOption? SelectedOption { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A modal as Slack sends it back (view_submission, view_closed, clicks inside a modal).</summary>
public sealed record SlackView
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public string? CallbackId { get; init; }
    public string? PrivateMetadata { get; init; }
    public string? Hash { get; init; }
    public SlackState? State { get; init; }
    public string? RootViewId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
