using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Feeds;

/// <summary>
/// Moves a source's cursor past an item in one statement (insert, or update the row when it exists: SQLite and
/// PostgreSQL share the syntax), inside the caller's transaction when it has one. Reading the row first to update it
/// cost a round trip on every new alert's way to the chat. The fetch state (ETag, Last-Modified) is left as it is.
/// </summary>
public static class SourceCursorUpsert
{
    public static Task ReadUpToAsync(CmBotDbContext db, string source, string? cursor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Raw SQL sees the stored form of an instant: UTC ticks on SQLite (UtcTicksConverter), timestamptz on PostgreSQL.
        object when = db.Database.IsSqlite() ? at.UtcTicks : at.ToUniversalTime();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "source_cursors" ("Source", "Cursor", "LastSuccessAt", "ConsecutiveFailures", "LastError")
            VALUES ({source}, {cursor}, {when}, 0, NULL)
            ON CONFLICT ("Source") DO UPDATE SET "Cursor" = excluded."Cursor", "LastSuccessAt" = excluded."LastSuccessAt",
                "ConsecutiveFailures" = 0, "LastError" = NULL
            """, cancellationToken);
    }
}
