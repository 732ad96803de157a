using System.Globalization;
using System.Text.Json.Nodes;

namespace CmBot.Bot.Slack.Web;

/// <summary>
/// Slack's Web API over HTTP (<see cref="SlackApiTransport"/> paces, signs and checks every call). JSON bodies
/// for the write methods that accept them, form bodies for the reads. Lists follow Slack's cursors, bounded.
/// </summary>
public sealed class SlackApiClient(SlackApiTransport transport) : ISlackApi
{
    /// <summary>Slack's page size for history and lists; pages are bounded so a huge channel cannot stall a send.</summary>
    private const int PageSize = 200;
    private const int MaxPages = 10;

    public async Task<SlackPosted> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, JsonObject? metadata, CancellationToken cancellationToken)
    {
        var response = await transport.CallJsonAsync<PostMessageResponse>(
            SlackMethods.PostMessage, channel, new PostMessageRequest(channel, text, blocks, threadTs, metadata), cancellationToken);
        return new SlackPosted(response.Channel ?? channel, Required(response.Ts, SlackMethods.PostMessage, "ts"));
    }

    public Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken cancellationToken) =>
        transport.CallJsonAsync<SlackResponse>(SlackMethods.Update, channel, new UpdateMessageRequest(channel, ts, text, blocks), cancellationToken);

    public Task PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks, string? threadTs, CancellationToken cancellationToken) =>
        transport.CallJsonAsync<PostEphemeralResponse>(SlackMethods.PostEphemeral, channel, new PostEphemeralRequest(channel, user, text, blocks, threadTs), cancellationToken);

    public async Task<string> GetPermalinkAsync(string channel, string ts, CancellationToken cancellationToken)
    {
        var response = await transport.CallFormAsync<PermalinkResponse>(
            SlackMethods.GetPermalink, channel, [new("channel", channel), new("message_ts", ts)], cancellationToken);
        return Required(response.Permalink, SlackMethods.GetPermalink, "permalink");
    }

    public async Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        var response = await transport.CallJsonAsync<ViewResponse>(SlackMethods.ViewsOpen, null, new ViewsOpenRequest(triggerId, view), cancellationToken);
        return Required(response.View?.Id, SlackMethods.ViewsOpen, "view.id");
    }

    public Task UpdateViewAsync(string viewId, JsonObject view, string? hash, CancellationToken cancellationToken) =>
        transport.CallJsonAsync<ViewResponse>(SlackMethods.ViewsUpdate, null, new ViewsUpdateRequest(viewId, view, hash), cancellationToken);

    public async Task<SlackUser?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await transport.CallFormAsync<UserResponse>(SlackMethods.UsersInfo, null, [new("user", userId)], cancellationToken);
            return response.User?.ToUser();
        }
        catch (SlackApiException ex) when (ex.Error is SlackErrors.UserNotFound)
        {
            return null;
        }
    }

    public async Task<SlackUser?> LookupUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        try
        {
            var response = await transport.CallFormAsync<UserResponse>(SlackMethods.UsersLookupByEmail, null, [new("email", email)], cancellationToken);
            return response.User?.ToUser();
        }
        catch (SlackApiException ex) when (ex.Error is SlackErrors.UsersNotFound or SlackErrors.UserNotFound)
        {
            return null;
        }
    }

    public async Task<string> OpenConversationAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var response = await transport.CallJsonAsync<ConversationResponse>(
            SlackMethods.ConversationsOpen, null, new ConversationsOpenRequest(string.Join(',', userIds)), cancellationToken);
        return Required(response.Channel?.Id, SlackMethods.ConversationsOpen, "channel.id");
    }

    public Task<IReadOnlyList<JsonObject>> GetRepliesAsync(string channel, string ts, CancellationToken cancellationToken) =>
        PagedMessagesAsync(SlackMethods.ConversationsReplies, channel, [new("channel", channel), new("ts", ts)], cancellationToken);

    public Task<IReadOnlyList<JsonObject>> GetHistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken)
    {
        var seconds = (oldest.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture);
        return PagedMessagesAsync(SlackMethods.ConversationsHistory, channel, [new("channel", channel), new("oldest", seconds), new("inclusive", "true")], cancellationToken);
    }

    public async Task<string?> FindChannelIdAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wanted = name.TrimStart('#');
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            List<KeyValuePair<string, string>> fields =
            [
                new("types", "public_channel,private_channel"), new("exclude_archived", "true"), new("limit", "1000"),
            ];
            if (cursor is not null)
            {
                fields.Add(new("cursor", cursor));
            }

            var response = await transport.CallFormAsync<ConversationListResponse>(SlackMethods.ConversationsList, null, fields, cancellationToken);
            if (response.Channels?.FirstOrDefault(c => string.Equals(c.Name, wanted, StringComparison.OrdinalIgnoreCase)) is { Id: { } id })
            {
                return id;
            }

            cursor = response.ResponseMetadata?.NextCursor;
            if (string.IsNullOrEmpty(cursor))
            {
                break;
            }
        }

        return null;
    }

    public async Task<string> UploadFileAsync(string channel, string fileName, ReadOnlyMemory<byte> content, string? title, string? initialComment, string? threadTs, CancellationToken cancellationToken)
    {
        var fileId = await StartUploadAsync(fileName, content, cancellationToken);
        await CompleteUploadAsync(channel, fileId, title ?? fileName, initialComment, threadTs, cancellationToken);
        return fileId;
    }

    public async Task<string> StartUploadAsync(string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = await transport.CallFormAsync<UploadUrlResponse>(
            SlackMethods.GetUploadUrl, null,
            [new("filename", fileName), new("length", content.Length.ToString(CultureInfo.InvariantCulture))],
            cancellationToken);
        var uploadUrl = Required(target.UploadUrl, SlackMethods.GetUploadUrl, "upload_url");
        var fileId = Required(target.FileId, SlackMethods.GetUploadUrl, "file_id");
        await transport.UploadAsync(new Uri(uploadUrl, UriKind.Absolute), fileName, content, cancellationToken);
        return fileId;
    }

    public Task CompleteUploadAsync(string channelId, string fileId, string? title, string? initialComment, string? threadTs, CancellationToken cancellationToken) =>
        transport.CallJsonAsync<CompleteUploadResponse>(
            SlackMethods.CompleteUpload, channelId,
            new CompleteUploadRequest([new CompleteUploadFile(fileId, title)], channelId, initialComment, threadTs),
            cancellationToken);

    public async Task<IReadOnlyList<string>?> GetFileSharesAsync(string fileId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await transport.CallFormAsync<FileInfoResponse>(SlackMethods.FilesInfo, null, [new("file", fileId)], cancellationToken);
            var file = response.File;
            return [.. (file?.Channels ?? []).Concat(file?.Groups ?? []).Concat(file?.Ims ?? [])];
        }
        catch (SlackApiException ex) when (ex.Error is SlackErrors.FileNotFound)
        {
            return null;
        }
    }

    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken)
    {
        var response = await transport.CallFormAsync<ConnectionsOpenResponse>(SlackMethods.ConnectionsOpen, null, [], cancellationToken);
        return new Uri(Required(response.Url, SlackMethods.ConnectionsOpen, "url"), UriKind.Absolute);
    }

    private async Task<IReadOnlyList<JsonObject>> PagedMessagesAsync(SlackMethod method, string channel, List<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        // Metadata is how CmBot recognises its own messages after a crash.
        fields.Add(new("include_all_metadata", "true"));
        fields.Add(new("limit", PageSize.ToString(CultureInfo.InvariantCulture)));
        var messages = new List<JsonObject>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var pageFields = cursor is null ? fields : [.. fields, new("cursor", cursor)];
            var response = await transport.CallFormAsync<MessagesResponse>(method, channel, pageFields, cancellationToken);
            messages.AddRange(response.Messages ?? []);
            cursor = response.ResponseMetadata?.NextCursor;
            if (!response.HasMore || string.IsNullOrEmpty(cursor))
            {
                break;
            }
        }

        return messages;
    }

    private static string Required(string? value, SlackMethod method, string field) =>
        string.IsNullOrEmpty(value)
            ? throw new SlackApiException(method.Name, SlackErrors.InvalidResponse, permanent: false, null, $"Slack {method.Name} answered ok without '{field}'.")
            : value;
}
