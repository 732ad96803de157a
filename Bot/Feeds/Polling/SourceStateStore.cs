using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Feeds.Polling;

/// <summary>
/// Reads and records a source's persisted state (the <see cref="SourceCursor"/> row): position, validators, health.
/// The failures-in-a-row gauge mirrors the last recorded value of each source polled by this instance.
/// </summary>
public sealed class SourceStateStore
{
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public SourceStateStore(IServiceScopeFactory scopes, TimeProvider time, CmBotMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        this.scopes = scopes;
        this.time = time;
        metrics.ObserveSourceFailures(() => _failures.Select(f => new Measurement<int>(f.Value, new KeyValuePair<string, object?>("source", f.Key))));
    }

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
        _failures[source] = 0;
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
        _failures[source] = failures;
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
