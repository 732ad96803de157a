using System.Text.Json.Nodes;

namespace CmBot.Bot.Slack.Web;

/// <summary>
/// The Slack Web API methods CmBot uses, spoken over HTTP by <c>SlackApiClient</c>. Calls are rate limited
/// per method tier and, for posting, per channel; a 429 or a transient failure surfaces as
/// <see cref="SlackApiException"/> with <see cref="SlackApiException.RetryAfter"/> so the outbox can reschedule.
/// </summary>
public interface ISlackApi
{
    /// <summary>chat.postMessage. <paramref name="metadata"/> (event_type + payload) lets a retry find a message already posted.</summary>
    Task<SlackPosted> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, JsonObject? metadata, CancellationToken cancellationToken);

    /// <summary>chat.update.</summary>
    Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken cancellationToken);

    /// <summary>chat.postEphemeral: visible to one user only.</summary>
    Task PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks, string? threadTs, CancellationToken cancellationToken);

    /// <summary>chat.getPermalink.</summary>
    Task<string> GetPermalinkAsync(string channel, string ts, CancellationToken cancellationToken);

    /// <summary>views.open (must run within 3 s of the click's trigger_id); returns the view id.</summary>
    Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken);

    /// <summary>views.update by view id; <paramref name="hash"/> guards against overwriting a newer state.</summary>
    Task UpdateViewAsync(string viewId, JsonObject view, string? hash, CancellationToken cancellationToken);

    /// <summary>users.info; null when the user does not exist.</summary>
    Task<SlackUser?> GetUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>users.lookupByEmail; null when nobody has that address.</summary>
    Task<SlackUser?> LookupUserByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>conversations.open: the DM channel id with these users.</summary>
    Task<string> OpenConversationAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>conversations.replies: the thread's messages, root first.</summary>
    Task<IReadOnlyList<JsonObject>> GetRepliesAsync(string channel, string ts, CancellationToken cancellationToken);

    /// <summary>conversations.history since <paramref name="oldest"/> (with metadata), to find a message posted before a crash.</summary>
    Task<IReadOnlyList<JsonObject>> GetHistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken);

    /// <summary>files.getUploadURLExternal + upload + files.completeUploadExternal; returns the file id.</summary>
    Task<string> UploadFileAsync(string channel, string fileName, ReadOnlyMemory<byte> content, string? title, string? initialComment, string? threadTs, CancellationToken cancellationToken);

    /// <summary>
    /// Files upload v2, first half: files.getUploadURLExternal, then the bytes to the returned URL. The file exists
    /// but is shared nowhere until <see cref="CompleteUploadAsync"/>; returns its id.
    /// </summary>
    Task<string> StartUploadAsync(string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This Slack API implementation cannot upload files in two steps.");

    /// <summary>Files upload v2, second half: files.completeUploadExternal shares the file in a channel (and thread).</summary>
    Task CompleteUploadAsync(string channelId, string fileId, string? title, string? initialComment, string? threadTs, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This Slack API implementation cannot upload files in two steps.");

    /// <summary>files.info: the conversation ids a file is shared in (empty while private); null when the file is unknown.</summary>
    Task<IReadOnlyList<string>?> GetFileSharesAsync(string fileId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This Slack API implementation cannot read files.");

    /// <summary>apps.connections.open with the app-level token: a fresh Socket Mode WebSocket URL.</summary>
    Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// conversations.list: the id of a channel known by name ("#cm-alerts"), or null. chat.update and the history
    /// methods need ids. A default body keeps test doubles of this interface compiling.
    /// </summary>
    Task<string?> FindChannelIdAsync(string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This Slack API implementation cannot look channels up by name.");
}

/// <summary>Where a posted message lives: its channel id and ts.</summary>
public sealed record SlackPosted(string Channel, string Ts);

public sealed record SlackUser(string Id, string? Name, string? RealName, string? Email, bool IsBot);

/// <summary>
/// A Web API call that failed: Slack's error code (channel_not_found, not_in_channel, ratelimited...) or an
/// HTTP failure. <see cref="Permanent"/> errors will not succeed by retrying.
/// </summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException()
    {
        Error = "unknown";
        Method = "unknown";
    }

    public SlackApiException(string message)
        : base(message)
    {
        Error = "unknown";
        Method = "unknown";
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "unknown";
        Method = "unknown";
    }

    public SlackApiException(string method, string error, bool permanent, TimeSpan? retryAfter, string message)
        : base(message)
    {
        Method = method;
        Error = error;
        Permanent = permanent;
        RetryAfter = retryAfter;
    }

    public string Method { get; }
    public string Error { get; }
    public bool Permanent { get; }
    public TimeSpan? RetryAfter { get; }
}
