using CmBot.Core.Chat;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Queues card posts and edits in the caller's unit of work; the dispatcher sends them after commit. A row may be
/// held until a given time (group_wait, group_interval); a thread reply is never released before its root.
/// </summary>
public sealed class CardOutbox(CmBotDbContext db, TimeProvider time)
{
    private readonly HashSet<string> _newSubjects = new(StringComparer.Ordinal);

    /// <summary>
    /// Says that <paramref name="subjectId"/> was created in this unit of work (a new incident, its first escalation
    /// notice): no stored row can carry it, so its cards are queued without reading the outbox first.
    /// </summary>
    public void SubjectIsNew(string subjectId) => _newSubjects.Add(subjectId);

    /// <returns>False when this version is already queued for that channel (nothing added).</returns>
    public async Task<bool> EnqueueAsync(IChatPlatform platform, string channel, string subjectType, string subjectId, int version, Card card, int priority, string? threadSubjectId = null, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var key = $"{platform.Name}:{channel}:{subjectType}:{subjectId}:v{version}";
        if (db.Outbox.Local.Any(o => o.IdempotencyKey == key))
        {
            return false;
        }

        // One read for the three checks (a row with this key; older versions held; the thread's root waiting): each
        // round trip here delays the commit, and the alert waiting behind it. None for a subject (and thread) created in
        // this unit of work: the key names the subject, and every row the read could find would name it too.
        var name = platform.Name;
        var stored = _newSubjects.Contains(subjectId) && (threadSubjectId is null || _newSubjects.Contains(threadSubjectId))
            ? []
            : await db.Outbox
                .Where(o => o.IdempotencyKey == key ||
                            (o.State == OutboxState.Pending && o.Platform == name && o.Channel == channel && (o.SubjectId == subjectId || o.SubjectId == threadSubjectId)))
                .ToListAsync(cancellationToken);
        if (stored.Any(o => o.IdempotencyKey == key))
        {
            return false;
        }

        if (threadSubjectId is not null && await RootFirstAsync(stored, name, channel, threadSubjectId, priority, cancellationToken) is { } rootDue && (notBefore is null || notBefore < rootDue))
        {
            notBefore = rootDue;
        }

        SupersedeHeld(stored, name, channel, subjectType, subjectId, version, notBefore);
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
            NotBefore = notBefore,
        });
        return true;
    }

    /// <summary>
    /// Older versions of the same card still held for later than this one (a P2 waiting for group_wait that just
    /// became P1) will never be needed: this version carries the latest content and goes first. Only rows held well
    /// ahead are touched, so none is in a sender's hands.
    /// </summary>
    private void SupersedeHeld(IReadOnlyList<OutboxMessage> stored, string platform, string channel, string subjectType, string subjectId, int version, DateTimeOffset? notBefore)
    {
        var margin = time.GetUtcNow() + TimeSpan.FromSeconds(1);
        var release = notBefore is { } at && at > margin ? at : margin;
        foreach (var row in stored.Union(db.Outbox.Local).Where(o => o.Platform == platform && o.Channel == channel && o.SubjectType == subjectType &&
                     o.SubjectId == subjectId && o.State == OutboxState.Pending && o.SubjectVersion < version && o.NotBefore > release).ToList())
        {
            row.State = OutboxState.Superseded;
        }
    }

    /// <summary>
    /// Keeps a thread reply behind its root in the channel's lane: a root still waiting is raised to the reply's
    /// priority (a P1 note never overtakes its P2 card), and a root held by group_wait holds the reply too. Returns
    /// when the root is due, if it is held and not posted yet.
    /// </summary>
    private async Task<DateTimeOffset?> RootFirstAsync(IReadOnlyList<OutboxMessage> stored, string platform, string channel, string rootSubjectId, int priority, CancellationToken cancellationToken)
    {
        var pending = stored.Where(o => o.SubjectId == rootSubjectId && o.State == OutboxState.Pending).Union(db.Outbox.Local.Where(o => o.Platform == platform && o.Channel == channel && o.SubjectId == rootSubjectId && o.State == OutboxState.Pending)).ToList();
        foreach (var root in pending.Where(r => r.Priority > priority))
        {
            root.Priority = priority;
        }

        var now = time.GetUtcNow();
        if (pending.Count == 0 || pending.Any(r => r.NotBefore is null || r.NotBefore <= now))
        {
            return null;
        }

        var posted = await db.ChatMessages.AnyAsync(c => c.Platform == platform && c.Channel == channel && c.SubjectId == rootSubjectId, cancellationToken);
        return posted ? null : pending.Min(r => r.NotBefore);
    }
}
