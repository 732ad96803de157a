using System.Text.Json;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Storage;

/// <summary>Appends events to the hash-chained audit log within the caller's unit of work (hold <see cref="WriteGate"/>).</summary>
public sealed class AuditLog(CmBotDbContext db, TimeProvider time)
{
    public async Task AppendAsync(string actorId, string action, string subjectType, string subjectId, object? details, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .MaxBy(e => e.Sequence);
        var last = pending ?? await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        var json = details is null ? "{}" : JsonSerializer.Serialize(details, JsonOptions);
        db.AuditEvents.Add(AuditEvent.Chain(
            (last?.Sequence ?? 0) + 1,
            last?.Hash ?? AuditChain.Genesis,
            time.GetUtcNow(),
            actorId,
            action,
            subjectType,
            subjectId,
            json));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
