using System.Data.Common;
using System.Globalization;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CmBot.Bot.Storage;

/// <summary>
/// Serialises audit-chain appends across every instance sharing one PostgreSQL database (<see cref="WriteGate"/> only
/// orders one process). A save that carries new audit events runs in a transaction that first takes a
/// transaction-scoped advisory lock on <see cref="LockKey"/> and then reads the chain head — two statements sent in
/// one round trip — links the new events after that head, writes them with the rest of the unit of work, and commits,
/// which releases the lock.
/// <para>
/// Why it is correct: every appender takes the same lock before it reads the head, and holds it until its events are
/// committed or rolled back, so at most one transaction is ever between "read the head" and "commit". Under READ
/// COMMITTED each statement takes its own snapshot: the head is read by a statement that starts once the lock is
/// granted, i.e. after the previous holder committed, so it sees that holder's events. Two instances can therefore
/// never take the same sequence, and each event's previous hash is the committed head's.
/// </para>
/// <para>
/// Deadlocks: the lock is the first thing the transaction takes, before any row lock (the unit of work's writes are
/// only sent by SaveChanges, after it; <see cref="HoldAsync"/> takes it earlier, still before the first write). The other writers that do not append audit events (the outbox claim, the
/// lease reclaim, the lane pause) are single-statement autocommits that never wait for this lock. So no transaction
/// holds a row another one needs while it waits for the lock. A caller-owned transaction that wrote rows before
/// saving audit events would break that order (PostgreSQL would detect the cycle and refuse one side); none exists.
/// <c>lock_timeout</c> bounds the wait if a holder hangs.
/// </para>
/// <para>
/// Latency: <see cref="AuditLog.AppendAsync"/> does not read the head on PostgreSQL (the link is made here), and
/// BEGIN travels with the first statement, so an audited save costs the round trips it cost before: lock and head,
/// the batch, the commit (one more for a save of a single statement, which EF would have sent without a transaction;
/// one more, <see cref="HoldAsync"/>, when an incident opens). SQLite is unchanged: one process owns the file, <see cref="WriteGate"/> orders its writers
/// and <see cref="AuditLog.AppendAsync"/> links at once.
/// </para>
/// </summary>
public static class PostgresAuditChain
{
    /// <summary>The advisory lock key: "CmBotAud" in ASCII. No other CmBot or Quartz lock uses advisory locks.</summary>
    public const long LockKey = 0x436D_426F_7441_7564;

    private const string LockTimeout = "30s";

    /// <summary>
    /// For a unit of work that reads a number it will write (the next incident number, read as max + 1): on PostgreSQL
    /// takes the chain lock now, in a transaction that the unit of work's next save commits, so that no other instance
    /// reads the same number before this one is committed (one round trip; nothing on SQLite, where
    /// <see cref="WriteGate"/> already orders the only writer process). Take it before the unit of work's save, and
    /// before it writes anything: the lock comes before row locks, as in every audited save.
    /// </summary>
    public static Task HoldAsync(CmBotDbContext db, CancellationToken cancellationToken) =>
        db is PostgresCmBotDbContext postgres ? postgres.HoldChainLockAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// For a caller that commits the unit of work in a transaction of its own (<c>OutboxHandoff</c> claims the lane's
    /// next row in it): the transaction <see cref="HoldAsync"/> already opened, now the caller's, or a new one. On
    /// PostgreSQL, when the unit of work appends audit events, the chain lock is taken first, before the caller's own
    /// statements write any row, keeping the lock-before-row-locks order; the save then links inside it.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(CmBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not PostgresCmBotDbContext postgres)
        {
            return await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }

        if (postgres.TakeHeld() is { } held)
        {
            return held;
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (NewEvents(db).Count > 0)
        {
            await LockAsync(db, cancellationToken).ConfigureAwait(false);
        }

        return transaction;
    }

    /// <summary>Takes the lock in the current transaction.</summary>
    internal static Task LockAsync(CmBotDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            string.Create(CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = '{LockTimeout}'; SELECT pg_advisory_xact_lock({LockKey});"),
            cancellationToken);

    /// <summary>The audit events this unit of work adds, in the order they were appended.</summary>
    internal static List<EntityEntry<AuditEvent>> NewEvents(CmBotDbContext db) =>
        [.. db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).OrderBy(e => e.Entity.Sequence)];

    /// <summary>Takes the lock in the current transaction, reads the head and links <paramref name="added"/> after it.</summary>
    internal static async Task LinkAsync(CmBotDbContext db, IReadOnlyList<EntityEntry<AuditEvent>> added, CancellationToken cancellationToken)
    {
        await using var command = LockAndReadHead(db);
        var head = (Sequence: 0L, Hash: AuditChain.Genesis);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // The SET and the lock come first; the head is the only result with two columns.
            do
            {
                if (reader.FieldCount == 2 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    head = (reader.GetInt64(0), reader.GetString(1));
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        AuditLog.LinkAfter(db, added, head.Sequence, head.Hash);
    }

    /// <inheritdoc cref="LinkAsync"/>
    internal static void Link(CmBotDbContext db, IReadOnlyList<EntityEntry<AuditEvent>> added)
    {
        using var command = LockAndReadHead(db);
        var head = (Sequence: 0L, Hash: AuditChain.Genesis);
        using (var reader = command.ExecuteReader())
        {
            do
            {
                if (reader.FieldCount == 2 && reader.Read())
                {
                    head = (reader.GetInt64(0), reader.GetString(1));
                }
            }
            while (reader.NextResult());
        }

        AuditLog.LinkAfter(db, added, head.Sequence, head.Hash);
    }

    private static DbCommand LockAndReadHead(CmBotDbContext db)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The audit chain is linked inside a transaction.");
        var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sequence = sql.DelimitIdentifier(entity.FindProperty(nameof(AuditEvent.Sequence))!.GetColumnName(store)!);
        var hash = sql.DelimitIdentifier(entity.FindProperty(nameof(AuditEvent.Hash))!.GetColumnName(store)!);

        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            SET LOCAL lock_timeout = '{LockTimeout}';
            SELECT pg_advisory_xact_lock({LockKey});
            SELECT {sequence}, {hash} FROM {table} ORDER BY {sequence} DESC LIMIT 1;
            """);
        return command;
    }
}
