using CmBot.Core.Chat;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>Queues card posts and edits in the caller's unit of work; the dispatcher sends them after commit.</summary>
public sealed class CardOutbox(CmBotDbContext db, TimeProvider time)
{
    public async Task EnqueueAsync(IChatPlatform platform, string channel, string subjectType, string subjectId, int version, Card card, int priority, string? threadSubjectId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var key = $"{platform.Name}:{channel}:{subjectType}:{subjectId}:v{version}";
        if (db.Outbox.Local.Any(o => o.IdempotencyKey == key) || await db.Outbox.AnyAsync(o => o.IdempotencyKey == key, cancellationToken))
        {
            return;
        }

        db.Outbox.Add(new OutboxMessage
        {
            IdempotencyKey = key,
            Kind = OutboxKinds.SyncCard,
            Platform = platform.Name,
            Channel = channel,
            SubjectType = subjectType,
            SubjectId = subjectId,
            SubjectVersion = version,
            ThreadSubjectId = threadSubjectId,
            Priority = priority,
            Payload = CardJson.Serialize(card),
            State = OutboxState.Pending,
            CreatedAt = time.GetUtcNow(),
        });
    }
}
