using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CmBot.Bot.Storage;

/// <summary>
/// PostgreSQL flavour: native timestamptz, always written in UTC. Several instances may share the database, so a save
/// that carries new audit events links them to the chain under a cluster-wide lock (<see cref="PostgresAuditChain"/>);
/// a unit of work that reads another read-then-written number (the next incident number) takes that lock first with
/// <see cref="PostgresAuditChain.HoldAsync"/>, and its save commits the transaction that holds it.
/// </summary>
public sealed class PostgresCmBotDbContext(DbContextOptions<PostgresCmBotDbContext> options) : CmBotDbContext(options)
{
    /// <summary>The transaction <see cref="HoldChainLockAsync"/> opened; the next save commits it.</summary>
    private IDbContextTransaction? _held;

    /// <summary>Takes the chain lock now, in a transaction the next save commits (see <see cref="PostgresAuditChain.HoldAsync"/>).</summary>
    internal async Task HoldChainLockAsync(CancellationToken cancellationToken)
    {
        if (_held is not null && Database.CurrentTransaction == _held)
        {
            return;
        }

        if (Database.CurrentTransaction is null)
        {
            _held = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }

        await PostgresAuditChain.LockAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives the transaction <see cref="HoldChainLockAsync"/> opened to a caller that commits it itself (see
    /// <see cref="PostgresAuditChain.BeginAsync"/>); saves then run in it without committing. Null when none is held.
    /// </summary>
    internal IDbContextTransaction? TakeHeld()
    {
        var held = _held is not null && Database.CurrentTransaction == _held ? _held : null;
        _held = null;
        return held;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = PostgresAuditChain.NewEvents(this);
        var held = _held is not null && Database.CurrentTransaction == _held;
        if (!held && added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        if (!held && Database.CurrentTransaction is not null)
        {
            // The caller's transaction: the lock lasts until the caller commits or rolls back.
            await PostgresAuditChain.LinkAsync(this, added, cancellationToken).ConfigureAwait(false);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false; // our own transaction: a savepoint would only cost a round trip
        var transaction = held ? _held! : await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (added.Count > 0)
            {
                await PostgresAuditChain.LinkAsync(this, added, cancellationToken).ConfigureAwait(false);
            }

            // Changes are accepted only once committed: a failed commit leaves them to save again (after a new link).
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return saved;
        }
        finally
        {
            // Committed, or rolled back by the disposal: either way the lock is released.
            await transaction.DisposeAsync().ConfigureAwait(false);
            _held = null;
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var added = PostgresAuditChain.NewEvents(this);
        var held = _held is not null && Database.CurrentTransaction == _held;
        if (!held && added.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        if (!held && Database.CurrentTransaction is not null)
        {
            PostgresAuditChain.Link(this, added);
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        var transaction = held ? _held! : Database.BeginTransaction();
        try
        {
            if (added.Count > 0)
            {
                PostgresAuditChain.Link(this, added);
            }

            var saved = base.SaveChanges(acceptAllChangesOnSuccess: false);
            transaction.Commit();
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return saved;
        }
        finally
        {
            transaction.Dispose();
            _held = null;
            Database.AutoSavepointsEnabled = savepoints;
        }
    }
}
