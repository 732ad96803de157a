using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CmBot.Bot.Slack.Web;

/// <summary>How Web API bodies are written and read: snake_case, nulls left out, unknown fields kept.</summary>
public static class SlackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>What every Web API answer carries. Subtypes add the method's fields; the rest lands in <see cref="Extra"/>.</summary>
public record SlackResponse
{
    public bool Ok { get; init; }
    public string? Error { get; init; }
    public string? Warning { get; init; }
    public SlackResponseMetadata? ResponseMetadata { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record SlackResponseMetadata
{
    public string? NextCursor { get; init; }
    public IReadOnlyList<string>? Messages { get; init; }
    public IReadOnlyList<string>? Warnings { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record PostMessageResponse : SlackResponse
{
    public string? Channel { get; init; }
    public string? Ts { get; init; }
    public JsonObject? Message { get; init; }
}

public sealed record PostEphemeralResponse : SlackResponse
{
    public string? MessageTs { get; init; }
}

public sealed record PermalinkResponse : SlackResponse
{
    public string? Channel { get; init; }
    public string? Permalink { get; init; }
}

public sealed record ViewResponse : SlackResponse
{
    public SlackView? View { get; init; }
}

public sealed record SlackView
{
    public string? Id { get; init; }
    public string? Hash { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record UserResponse : SlackResponse
{
    public SlackUserPayload? User { get; init; }
}

public sealed record SlackUserPayload
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? RealName { get; init; }
    public bool Deleted { get; init; }
    public bool IsBot { get; init; }
    public SlackProfilePayload? Profile { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public SlackUser ToUser() =>
        new(Id ?? string.Empty, Name, RealName ?? Profile?.RealName, string.IsNullOrWhiteSpace(Profile?.Email) ? null : Profile.Email, IsBot);
}

public sealed record SlackProfilePayload
{
    public string? Email { get; init; }
    public string? RealName { get; init; }
    public string? DisplayName { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record ConversationResponse : SlackResponse
{
    public SlackConversation? Channel { get; init; }
}

public sealed record SlackConversation
{
    public string? Id { get; init; }
    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record ConversationListResponse : SlackResponse
{
    public IReadOnlyList<SlackConversation>? Channels { get; init; }
}

/// <summary>conversations.history and conversations.replies: messages stay raw (their shapes vary widely).</summary>
public sealed record MessagesResponse : SlackResponse
{
    public IReadOnlyList<JsonObject>? Messages { get; init; }
    public bool HasMore { get; init; }
}

public sealed record UploadUrlResponse : SlackResponse
{
    public string? UploadUrl { get; init; }
    public string? FileId { get; init; }
}

public sealed record CompleteUploadResponse : SlackResponse
{
    public IReadOnlyList<SlackFile>? Files { get; init; }
}

public sealed record FileInfoResponse : SlackResponse
{
    public SlackFile? File { get; init; }
}

public sealed record SlackFile
{
    public string? Id { get; init; }
    public string? Title { get; init; }

    /// <summary>Where the file is shared: public channels, private channels, direct messages (ids).</summary>
    public IReadOnlyList<string>? Channels { get; init; }
    public IReadOnlyList<string>? Groups { get; init; }
    public IReadOnlyList<string>? Ims { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record ConnectionsOpenResponse : SlackResponse
{
    public string? Url { get; init; }
}
