using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Storage;

/// <summary>
/// PostgreSQL flavour: native timestamptz, always written in UTC. Several instances may share the database, so a save
/// that carries new audit events links them to the chain under a cluster-wide lock (<see cref="PostgresAuditChain"/>).
/// </summary>
public sealed class PostgresCmBotDbContext(DbContextOptions<PostgresCmBotDbContext> options) : CmBotDbContext(options)
{
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = PostgresAuditChain.NewEvents(this);
        if (added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        if (Database.CurrentTransaction is not null)
        {
            // The caller's transaction: the lock lasts until the caller commits or rolls back.
            await PostgresAuditChain.LinkAsync(this, added, cancellationToken).ConfigureAwait(false);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false; // our own transaction: a savepoint would only cost a round trip
        try
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await PostgresAuditChain.LinkAsync(this, added, cancellationToken).ConfigureAwait(false);

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
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var added = PostgresAuditChain.NewEvents(this);
        if (added.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        if (Database.CurrentTransaction is not null)
        {
            PostgresAuditChain.Link(this, added);
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            using var transaction = Database.BeginTransaction();
            PostgresAuditChain.Link(this, added);
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
            Database.AutoSavepointsEnabled = savepoints;
        }
    }
}
