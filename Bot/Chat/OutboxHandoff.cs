using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Commits a unit of work that queued chat messages and hands the sender their lanes' next rows with the commit, so a
/// new alert does not wait for the dispatcher to wake up, look for lanes with work and claim the row in a transaction
/// of its own. For each channel where this unit of work queued a row that is due now and no lane runs, the lane is
/// reserved before the commit, its next row (the same <see cref="OutboxClaim"/> a lane makes: most urgent, then
/// oldest, so the order is the lane's) is claimed inside the unit of work's transaction, and given to the lane once
/// committed. A row claimed here and never sent (the process dies between the commit and the send) is like any row
/// a sender left in Sending: start-up recovery (SQLite) or the claim lease (PostgreSQL) puts it back in the queue.
/// </summary>
public sealed class OutboxHandoff(OutboxLanes lanes, OutboxSignal signal, TimeProvider time)
{
    /// <summary>
    /// Saves <paramref name="db"/>'s changes (and <paramref name="alsoInTransaction"/>'s statements) in one transaction
    /// and starts the sender; returns once committed. Call it where <c>SaveChangesAsync</c> and
    /// <see cref="OutboxSignal.Notify"/> would be called, holding the write gate as for any save.
    /// </summary>
    public async Task CommitAsync(CmBotDbContext db, Func<CmBotDbContext, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        var due = db.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.State == OutboxState.Pending)
            .Select(e => e.Entity)
            .ToList();
        var changed = db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Modified);
        var reservations = new List<LaneReservation>();
        try
        {
            foreach (var (platform, channel) in due.Where(o => o.NotBefore is null || o.NotBefore <= now).Select(o => (o.Platform, o.Channel)).Distinct())
            {
                if (lanes.TryReserve(platform, channel) is { } reservation)
                {
                    reservations.Add(reservation);
                }
            }

            var claimed = new List<OutboxMessage?>();
            if (reservations.Count == 0 && alsoInTransaction is null)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                // On PostgreSQL: the transaction that holds the audit-chain lock if the unit of work took it already.
                var transaction = await PostgresAuditChain.BeginAsync(db, cancellationToken);
                await using (transaction.ConfigureAwait(false))
                {
                    if (alsoInTransaction is not null)
                    {
                        await alsoInTransaction(db, cancellationToken);
                    }

                    await db.SaveChangesAsync(cancellationToken);
                    foreach (var reservation in reservations)
                    {
                        claimed.Add(await OutboxClaim.NextAsync(db, reservation.Platform, reservation.Channel, now, cancellationToken, tracked: false));
                    }

                    await transaction.CommitAsync(cancellationToken);
                }
            }

            for (var i = 0; i < claimed.Count; i++)
            {
                reservations[i].Hand(claimed[i]);
            }

            // The dispatcher still plans what was not handed: rows held for later (group_wait), channels whose lane was
            // already running (it may be finishing), stored rows this unit of work changed, or no dispatcher attached yet.
            if (changed || (due.Count > 0 && due.Any(o => o.NotBefore > now || !reservations.Any(r => r.Platform == o.Platform && r.Channel == o.Channel))))
            {
                signal.Notify();
            }
        }
        finally
        {
            foreach (var reservation in reservations)
            {
                reservation.Dispose();
            }
        }
    }
}
