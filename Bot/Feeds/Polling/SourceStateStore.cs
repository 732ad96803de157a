using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Feeds.Polling;

/// <summary>Reads and records a source's persisted state (the <see cref="SourceCursor"/> row): position, validators, health.</summary>
public sealed class SourceStateStore(IServiceScopeFactory scopes, TimeProvider time)
{
    public const int MaxErrorLength = 1000;

    public async Task<SourceCursor?> LoadAsync(string source, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        return await db.SourceCursors.AsNoTracking().FirstOrDefaultAsync(c => c.Source == source, cancellationToken);
    }

    public async Task RecordSuccessAsync(string source, SourcePosition next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await UpdateAsync(source, row =>
        {
            row.Cursor = next.Cursor ?? row.Cursor;
            row.ETag = next.ETag;
            row.LastModified = next.LastModified;
            row.LastSuccessAt = time.GetUtcNow();
            row.ConsecutiveFailures = 0;
            row.LastError = null;
        }, cancellationToken);
    }

    /// <summary>Returns how many times in a row the source has now failed.</summary>
    public async Task<int> RecordFailureAsync(string source, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var failures = 0;
        await UpdateAsync(source, row =>
        {
            row.LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
            row.LastErrorAt = time.GetUtcNow();
            row.ConsecutiveFailures++;
            failures = row.ConsecutiveFailures;
        }, cancellationToken);
        return failures;
    }

    private async Task UpdateAsync(string source, Action<SourceCursor> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var row = await db.SourceCursors.FindAsync([source], cancellationToken)
            ?? db.SourceCursors.Add(new SourceCursor { Source = source }).Entity;
        change(row);
        await db.SaveChangesAsync(cancellationToken);
    }
}
