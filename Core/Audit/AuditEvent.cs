namespace CmBot.Core.Audit;

/// <summary>
/// One decision in the append-only record. Each event carries the hash of the one before it, so removing or
/// altering any event breaks the chain from that point on.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        ActorId = Action = SubjectType = SubjectId = Details = PreviousHash = Hash = string.Empty;
    }

    public long Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; }

    /// <summary>A stable verb from <see cref="AuditActions"/>.</summary>
    public string Action { get; private set; }

    public string SubjectType { get; private set; }
    public string SubjectId { get; private set; }
    public string Details { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    public static AuditEvent Chain(long sequence, string previousHash, DateTimeOffset at, string actorId, string action, string subjectType, string subjectId, string details)
    {
        var e = new AuditEvent
        {
            Sequence = sequence,

            // Databases keep microseconds at best (PostgreSQL): hash what will be read back.
            At = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero),
            ActorId = actorId,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Details = details,
            PreviousHash = previousHash,
        };
        e.Hash = AuditChain.HashOf(e);
        return e;
    }
}
