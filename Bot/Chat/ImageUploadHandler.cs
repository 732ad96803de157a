using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Shares a queued image in the thread of its card once that card is posted. The platform's file id becomes the
/// row's external id; a retry after a half-done upload reuses what the platform already holds.
/// </summary>
public sealed class ImageUploadHandler(IEnumerable<IChatPlatform> platforms) : IOutboxHandler
{
    public string Kind => OutboxKinds.UploadImage;

    public async Task<OutboxResult> SendAsync(OutboxMessage message, CmBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(db);
        if (platforms.FirstOrDefault(p => p.Name == message.Platform) is not IChatImageUploads uploads)
        {
            throw new ChatDeliveryException($"Chat platform '{message.Platform}' cannot upload images.", permanent: true);
        }

        string? thread = null;
        if (message.ThreadSubjectId is { } threadSubject)
        {
            thread = await db.ChatMessages
                .Where(c => c.Platform == message.Platform && c.Channel == message.Channel && c.SubjectId == threadSubject)
                .Select(c => c.ExternalId)
                .FirstOrDefaultAsync(cancellationToken);
            if (thread is null)
            {
                return new OutboxResult(OutboxOutcome.NotYet);
            }
        }

        var (image, comment) = ImagePayload.Deserialize(message.Payload);
        var origin = new ChatSendOrigin(message.IdempotencyKey, message.CreatedAt, message.ClaimedBeforeWithoutResult, message.LastError);
        var fileId = await uploads.UploadImageAsync(message.Channel, image, comment, thread, origin, cancellationToken);
        return new OutboxResult(OutboxOutcome.Sent, fileId);
    }
}
