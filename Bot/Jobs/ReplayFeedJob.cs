using CmBot.Bot.Feeds;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace CmBot.Bot.Jobs;

/// <summary>Reads the replay file's new lines and ingests them. Thin: load the cursor, read, ingest.</summary>
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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var cursor = await db.SourceCursors.FindAsync([ReplayFeed.SourceName], cancellationToken);
        try
        {
            var items = feed.ReadNew(path, cursor?.Cursor, time.GetUtcNow());
            var stored = await ingestor.IngestAsync(ReplayFeed.SourceName, items, cancellationToken);
            if (items.Count > 0)
            {
                LogIngested(items.Count, stored, path);
            }
        }
        catch (IOException ex)
        {
            // Reported on the source's cursor and retried at the next trigger; the host keeps running.
            cursor ??= db.SourceCursors.Add(new SourceCursor { Source = ReplayFeed.SourceName }).Entity;
            cursor.LastError = ex.Message;
            cursor.LastErrorAt = time.GetUtcNow();
            cursor.ConsecutiveFailures++;
            await db.SaveChangesAsync(cancellationToken);
            LogFailed(ex, path, cursor.ConsecutiveFailures);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay: read {Read} mentions, stored {Stored} new, from {Path}")]
    private partial void LogIngested(int read, int stored, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay: cannot read {Path} (failure {Failures} in a row); will retry")]
    private partial void LogFailed(Exception exception, string path, int failures);
}
