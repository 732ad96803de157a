using System.Text.Json.Nodes;

namespace CmBot.Bot.Slack.Web;

/// <summary>chat.postMessage. Link unfurling is off: alerts quote third-party links that should not expand.</summary>
public sealed record PostMessageRequest(string Channel, string Text, JsonArray? Blocks, string? ThreadTs, JsonObject? Metadata)
{
    public bool UnfurlLinks { get; init; }
    public bool UnfurlMedia { get; init; }
}

public sealed record UpdateMessageRequest(string Channel, string Ts, string Text, JsonArray? Blocks);

public sealed record PostEphemeralRequest(string Channel, string User, string Text, JsonArray? Blocks, string? ThreadTs);

public sealed record ViewsOpenRequest(string TriggerId, JsonObject View);

public sealed record ViewsUpdateRequest(string ViewId, JsonObject View, string? Hash);

/// <summary>conversations.open takes the users as one comma-separated string.</summary>
public sealed record ConversationsOpenRequest(string Users);

public sealed record CompleteUploadRequest(IReadOnlyList<CompleteUploadFile> Files, string ChannelId, string? InitialComment, string? ThreadTs);

public sealed record CompleteUploadFile(string Id, string? Title);
