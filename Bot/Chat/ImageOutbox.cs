using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Queues image uploads in the caller's unit of work, in the thread of a card queued (or posted) before them,
/// for the platforms that share images as files (<see cref="IChatImageUploads"/>); others are skipped.
/// </summary>
public sealed class ImageOutbox(CmBotDbContext db, TimeProvider time)
{
    public const string SubjectType = "chart";

    /// <returns>How many uploads were queued (0 when the platform shows images in its cards instead).</returns>
    public async Task<int> EnqueueAsync(IChatPlatform platform, string channel, string threadSubjectId, IReadOnlyList<ChatImage> images, int priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(images);
        if (platform is not IChatImageUploads)
        {
            return 0;
        }

        var queued = 0;
        foreach (var image in images)
        {
            var subjectId = $"{threadSubjectId}:{image.FileName}";
            var key = $"{platform.Name}:{channel}:{SubjectType}:{subjectId}";
            if (db.Outbox.Local.Any(o => o.IdempotencyKey == key) || await db.Outbox.AnyAsync(o => o.IdempotencyKey == key, cancellationToken))
            {
                continue;
            }

            db.Outbox.Add(new OutboxMessage
            {
                IdempotencyKey = key,
                Kind = OutboxKinds.UploadImage,
                Platform = platform.Name,
                Channel = channel,
                SubjectType = SubjectType,
                SubjectId = subjectId,
                SubjectVersion = 1,
                ThreadSubjectId = threadSubjectId,
                Priority = priority,
                Payload = ImagePayload.Serialize(image, image.Title),
                State = OutboxState.Pending,
                CreatedAt = time.GetUtcNow(),
            });
            queued++;
        }

        return queued;
    }
}
