using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmBot.Bot.Slack.Payloads;

/// <summary>A click on a button (or another element) of a message or a modal.</summary>
public sealed record SlackBlockActionsPayload
{
    public string? Type { get; init; }
    public SlackUserRef? User { get; init; }
    public SlackTeamRef? Team { get; init; }
    public SlackChannelRef? Channel { get; init; }
    public SlackContainer? Container { get; init; }
    public SlackMessage? Message { get; init; }
    public SlackView? View { get; init; }

    /// <summary>Lets CmBot open a modal (views.open) within 3 seconds of the click.</summary>
    public string? TriggerId { get; init; }

    public SlackState? State { get; init; }
    public IReadOnlyList<SlackBlockAction>? Actions { get; init; }
    public string? ApiAppId { get; init; }
    public string? ResponseUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A modal submitted: its <see cref="SlackView.CallbackId"/>, private metadata and input values.</summary>
public sealed record SlackViewSubmissionPayload
{
    public string? Type { get; init; }
    public SlackUserRef? User { get; init; }
    public SlackTeamRef? Team { get; init; }
    public string? TriggerId { get; init; }
    public SlackView? View { get; init; }
    public string? ApiAppId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A modal closed without submitting (sent only for views with notify_on_close).</summary>
public sealed record SlackViewClosedPayload
{
    public string? Type { get; init; }
    public SlackUserRef? User { get; init; }
    public SlackTeamRef? Team { get; init; }
    public SlackView? View { get; init; }
    public bool? IsCleared { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A global shortcut (<c>shortcut</c>) or a message shortcut (<c>message_action</c>, with channel and message).</summary>
public sealed record SlackShortcutPayload
{
    public string? Type { get; init; }
    public SlackUserRef? User { get; init; }
    public SlackTeamRef? Team { get; init; }
    public SlackChannelRef? Channel { get; init; }
    public string? CallbackId { get; init; }
    public string? TriggerId { get; init; }
    public string? ActionTs { get; init; }
    public string? MessageTs { get; init; }
    public SlackMessage? Message { get; init; }
    public string? ResponseUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// A slash command. Slack posts it as form fields; the HTTP endpoint turns them into a JSON object with the same
/// names (Socket Mode delivers that object directly), so one record reads both.
/// </summary>
public sealed record SlackSlashCommand
{
    public string? Command { get; init; }
    public string? Text { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? ChannelId { get; init; }
    public string? ChannelName { get; init; }
    public string? TeamId { get; init; }
    public string? TriggerId { get; init; }
    public string? ResponseUrl { get; init; }
    public string? ApiAppId { get; init; }

    /// <summary>"1" when Slack only checks the endpoint's certificate: answer 200 and do nothing.</summary>
    public string? SslCheck { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
