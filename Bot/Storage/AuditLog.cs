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

    /// <summary>
    /// After a save refused because another instance took the same sequence numbers (the table's key stops the second
    /// writer; <see cref="WriteGate"/> only serialises one process): chains this unit of work's events again after the
    /// stored head. Returns false when the unit of work holds no new event, so the refusal had another cause.
    /// </summary>
    public async Task<bool> RechainAsync(CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).OrderBy(e => e.Entity.Sequence).ToList();
        if (added.Count == 0)
        {
            return false;
        }

        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        var last = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        var (sequence, hash) = (last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
        foreach (var old in added.Select(e => e.Entity))
        {
            var again = AuditEvent.Chain(++sequence, hash, old.At, old.ActorId, old.Action, old.SubjectType, old.SubjectId, old.Details);
            db.AuditEvents.Add(again);
            hash = again.Hash;
        }

        return true;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
