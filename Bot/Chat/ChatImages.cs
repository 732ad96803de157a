using System.Text.Json;

namespace CmBot.Bot.Chat;

/// <summary>An image to share in a chat (a report chart): file name, a title shown with it, and the PNG bytes.</summary>
public sealed record ChatImage(string FileName, string Title, byte[] Png);

/// <summary>
/// Platforms that share images as files next to their cards (Slack's files API). The others show images inside
/// the card itself (Teams, the sandbox) and do not implement it.
/// </summary>
public interface IChatImageUploads
{
    /// <summary>
    /// Shares the image in the channel (in the thread when given) with <paramref name="comment"/>, and returns the
    /// platform's file id. <paramref name="origin"/> carries what a previous attempt left behind, so a retry does
    /// not share the same image twice.
    /// </summary>
    Task<string> UploadImageAsync(string channel, ChatImage image, string? comment, string? threadExternalId, ChatSendOrigin origin, CancellationToken cancellationToken);
}

/// <summary>The outbox payload of an image upload (the PNG travels base64-encoded in the row).</summary>
public sealed record ImagePayload(string FileName, string Title, string? Comment, string Png)
{
    public static string Serialize(ChatImage image, string? comment)
    {
        ArgumentNullException.ThrowIfNull(image);
        return JsonSerializer.Serialize(new ImagePayload(image.FileName, image.Title, comment, Convert.ToBase64String(image.Png)), CardJson.Options);
    }

    public static (ChatImage Image, string? Comment) Deserialize(string json)
    {
        var payload = JsonSerializer.Deserialize<ImagePayload>(json, CardJson.Options) ?? throw new JsonException("Empty image payload.");
        return (new ChatImage(payload.FileName, payload.Title, Convert.FromBase64String(payload.Png)), payload.Comment);
    }
}
