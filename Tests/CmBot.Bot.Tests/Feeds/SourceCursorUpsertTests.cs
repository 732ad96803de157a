using CmBot.Bot.Feeds;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>The cursor upsert the ingest runs in its transaction: inserts the row, then moves it, keeping the fetch state.</summary>
public sealed class SourceCursorUpsertTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task ReadUpTo_NewThenKnownSource_InsertsThenMovesCursorAndKeepsFetchState(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        var first = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

        await Upsert(host, "cursor-test", "a-1", first, ct);
        await host.QueryAsync(async db =>
        {
            var row = await db.SourceCursors.SingleAsync(c => c.Source == "cursor-test", ct);
            row.ETag = "\"v1\"";
            row.ConsecutiveFailures = 3;
            row.LastError = "timeout";
            return await db.SaveChangesAsync(ct);
        });
        await Upsert(host, "cursor-test", null, first.AddMinutes(5), ct);

        var cursor = await host.QueryAsync(db => db.SourceCursors.AsNoTracking().SingleAsync(c => c.Source == "cursor-test", ct));
        Assert.Equal((null, first.AddMinutes(5), 0, null, "\"v1\""), (cursor.Cursor, cursor.LastSuccessAt, cursor.ConsecutiveFailures, cursor.LastError, cursor.ETag));
    }

    private static async Task Upsert(CmBotHost host, string source, string? value, DateTimeOffset at, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        await SourceCursorUpsert.ReadUpToAsync(db, source, value, at, ct);
    }
}
