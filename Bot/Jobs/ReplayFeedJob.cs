using CmBot.Bot.Feeds;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CmBot.Bot.Jobs;

/// <summary>Reads the replay file's new lines and ingests them. Thin: load the cursor, read, ingest, record health.</summary>
[DisallowConcurrentExecution]
public sealed partial class ReplayFeedJob(
    ReplayFeed feed,
    MentionIngestor ingestor,
    IServiceScopeFactory scopes,
    IOptions<ReplayOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<ReplayFeedJob> logger) : IJob
{
    public static readonly JobKey Key = new("replay", "feeds");
    public static readonly TriggerKey Trigger = new("replay-every", "feeds");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = CmBotOptions.Resolve(environment.ContentRootPath, options.Value.File);
        string? cursor;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
            cursor = await db.SourceCursors.AsNoTracking()
                .Where(c => c.Source == ReplayFeed.SourceName)
                .Select(c => c.Cursor)
                .FirstOrDefaultAsync(cancellationToken);
        }

        try
        {
            var items = feed.ReadNew(path, cursor, time.GetUtcNow());
            var stored = await ingestor.IngestAsync(ReplayFeed.SourceName, items, cancellationToken);
            if (items.Count > 0)
            {
                LogIngested(items.Count, stored, path);
            }

            await RecordHealthAsync(error: null, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Reported on the source's cursor and retried at the next trigger; the host keeps running.
            var failures = await RecordHealthAsync(ex.Message, cancellationToken);
            LogFailed(ex, path, failures);
        }
    }

    /// <summary>Marks the source as checked (even when nothing was new) or failing; returns failures in a row.</summary>
    private async Task<int> RecordHealthAsync(string? error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var cursor = await db.SourceCursors.FindAsync([ReplayFeed.SourceName], cancellationToken)
            ?? db.SourceCursors.Add(new SourceCursor { Source = ReplayFeed.SourceName }).Entity;
        var now = time.GetUtcNow();
        if (error is null)
        {
            cursor.LastSuccessAt = now;
            cursor.ConsecutiveFailures = 0;
        }
        else
        {
            cursor.LastError = error;
            cursor.LastErrorAt = now;
            cursor.ConsecutiveFailures++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return cursor.ConsecutiveFailures;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay: read {Read} mentions, stored {Stored} new, from {Path}")]
    private partial void LogIngested(int read, int stored, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay: cannot read {Path} (failure {Failures} in a row); will retry")]
    private partial void LogFailed(Exception exception, string path, int failures);
}
