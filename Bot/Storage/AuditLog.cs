using System.Text.Json;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CmBot.Bot.Storage;

/// <summary>
/// Appends events to the hash-chained audit log within the caller's unit of work (hold <see cref="WriteGate"/>).
/// On SQLite each event is linked to the stored head at once; on PostgreSQL the link made here is provisional and
/// the save links the unit of work's events again after the head it reads under a cluster-wide lock
/// (<see cref="PostgresAuditChain"/>), so appending costs no round trip there.
/// </summary>
public sealed class AuditLog(CmBotDbContext db, TimeProvider time)
{
    public async Task AppendAsync(string actorId, string action, string subjectType, string subjectId, object? details, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .MaxBy(e => e.Sequence);
        var last = pending ?? (db is PostgresCmBotDbContext
            ? null
            : await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken));
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

    /// <summary>
    /// After a save refused while this unit of work holds new events: chains them again after the stored head.
    /// Returns false when it holds none. A safety net: another writer can only have taken the same sequence if it
    /// bypassed both <see cref="WriteGate"/> and <see cref="PostgresAuditChain"/>'s lock (a second process on one
    /// SQLite file, an instance of an older version during a rolling upgrade); on PostgreSQL the next save links the
    /// events again anyway.
    /// </summary>
    public async Task<bool> RechainAsync(CancellationToken cancellationToken)
    {
        var added = PostgresAuditChain.NewEvents(db);
        if (added.Count == 0)
        {
            return false;
        }

        var last = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        LinkAfter(db, added, last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
        return true;
    }

    /// <summary>
    /// Replaces <paramref name="added"/> (in their order) by the same events chained after the given head; nothing
    /// changes when they already follow it.
    /// </summary>
    internal static void LinkAfter(CmBotDbContext db, IReadOnlyList<EntityEntry<AuditEvent>> added, long sequence, string hash)
    {
        if (added.Count == 0 || (added[0].Entity.Sequence == sequence + 1 && added[0].Entity.PreviousHash == hash))
        {
            return;
        }

        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        foreach (var old in added.Select(e => e.Entity))
        {
            var again = AuditEvent.Chain(++sequence, hash, old.At, old.ActorId, old.Action, old.SubjectType, old.SubjectId, old.Details);
            db.AuditEvents.Add(again);
            hash = again.Hash;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
