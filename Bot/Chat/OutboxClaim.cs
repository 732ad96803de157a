using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Claims the next due row of a lane (a platform channel) in one statement: the compare-and-set update picks the most
/// urgent, then oldest, pending row, marks it Sending with its claim time and count, and returns it (RETURNING, on
/// SQLite and PostgreSQL alike). Finding, claiming and reading the row used to be three round trips on each alert's
/// way to the chat API.
/// </summary>
public static class OutboxClaim
{
    /// <summary>
    /// The claimed row, tracked by <paramref name="db"/> unless <paramref name="tracked"/> is false (a row claimed in one
    /// unit of work and sent from another); null when nothing is due or another sender took it first.
    /// </summary>
    public static async Task<OutboxMessage?> NextAsync(CmBotDbContext db, string platform, string channel, DateTimeOffset now, CancellationToken cancellationToken, bool tracked = true)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Raw SQL sees the stored form of an instant: UTC ticks on SQLite (UtcTicksConverter), timestamptz on PostgreSQL.
        object at = db.Database.IsSqlite() ? now.UtcTicks : now;
        var claim = db.Outbox.FromSql($"""
            UPDATE "outbox" SET "State" = 'Sending', "ClaimedAt" = {at}, "Claims" = "Claims" + 1
            WHERE "State" = 'Pending' AND "Id" = (
                SELECT "Id" FROM "outbox"
                WHERE "Platform" = {platform} AND "Channel" = {channel} AND "State" = 'Pending' AND ("NotBefore" IS NULL OR "NotBefore" <= {at})
                ORDER BY "Priority", "Id"
                LIMIT 1)
            RETURNING *
            """);
        var rows = await (tracked ? claim : claim.AsNoTracking()).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Whether the lane still has a due row (after a claim found none: another sender may have won that one).</summary>
    public static Task<bool> AnyDueAsync(CmBotDbContext db, string platform, string channel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Outbox.AnyAsync(
            o => o.Platform == platform && o.Channel == channel && o.State == OutboxState.Pending && (o.NotBefore == null || o.NotBefore <= now),
            cancellationToken);
    }
}
