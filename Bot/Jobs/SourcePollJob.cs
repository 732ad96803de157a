using CmBot.Bot.Feeds;
using CmBot.Bot.Feeds.Polling;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Hosting;
using Quartz;

namespace CmBot.Bot.Jobs;

/// <summary>
/// Polls one configured source (<c>Feeds:Sources:&lt;name&gt;</c>): loads its persisted position, fetches, ingests
/// (each mention stored with the cursor in one transaction), then records the new position and validators. A
/// failure is recorded on the source (shown by <c>/healthz</c> and the <c>cmbot.feeds.fetches</c> metric) and the
/// source rests with exponential backoff; the host keeps running.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class SourcePollJob(
    FeedSourcesConfiguration configuration,
    MentionSourceFactory factory,
    MentionIngestor ingestor,
    SourceStateStore states,
    TimeProvider time,
    CmBotMetrics metrics,
    ILogger<SourcePollJob> logger) : IJob
{
    public const string SourceKey = "source";

    public static JobKey KeyFor(string source) => new($"source-{source}", "feeds");

    public static TriggerKey TriggerFor(string source) => new($"source-{source}-every", "feeds");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.MergedJobDataMap.GetString(SourceKey);
        if (name is null || configuration.Find(name) is not { Options.Enabled: true } configured || configured.Options.Type == SourceTypes.Webhook)
        {
            // A trigger left in the persistent store by a source since removed from the configuration.
            LogUnknown(name ?? "?");
            return;
        }

        var state = await states.LoadAsync(name, cancellationToken);
        var interval = TimeSpan.FromSeconds(configured.Options.IntervalSeconds);
        if (state is not null && SourceBackoff.IsResting(interval, state.ConsecutiveFailures, state.LastErrorAt, time.GetUtcNow()))
        {
            metrics.SourceFetches.Add(1, Tag("source", name), Tag("outcome", "backoff"));
            return;
        }

        var position = state is null ? SourcePosition.Start : new SourcePosition(state.Cursor, state.ETag, state.LastModified);
        try
        {
            var fetch = await factory.Create(configured).FetchAsync(position, cancellationToken);

            var items = ItemsOf(fetch, position);
            var stored = await ingestor.IngestAsync(name, items, cancellationToken);
            await states.RecordSuccessAsync(name, fetch.Next, cancellationToken);
            metrics.SourceFetches.Add(1, Tag("source", name), Tag("outcome", fetch.NotModified ? "not_modified" : "ok"));
            if (fetch.Skipped > 0)
            {
                metrics.SourceItemsSkipped.Add(fetch.Skipped, Tag("source", name));
            }

            if (items.Count > 0 || fetch.Skipped > 0)
            {
                LogFetched(name, items.Count, stored, fetch.Skipped);
            }
        }
        catch (Exception ex) when (IsSourceFailure(ex, cancellationToken))
        {
            var failures = await states.RecordFailureAsync(name, ex.Message, CancellationToken.None);
            metrics.SourceFetches.Add(1, Tag("source", name), Tag("outcome", "failed"));
            LogFailed(ex, name, failures, SourceBackoff.Delay(interval, failures));
        }
    }

    /// <summary>
    /// Every mention but the last keeps the old cursor: a crash mid-batch (a catch-up of several pages included)
    /// re-reads the whole batch from the old cursor, and the mentions already stored are recognised by id, so
    /// nothing is lost and nothing repeats. The new cursor is stored with the last mention only.
    /// </summary>
    public static List<SourceItem> ItemsOf(SourceFetch fetch, SourcePosition position)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(position);
        return [.. fetch.Mentions.Select((m, i) => new SourceItem(m, i == fetch.Mentions.Count - 1 ? fetch.Next.Cursor : position.Cursor))];
    }

    private static bool IsSourceFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        SourceException or HttpRequestException or IOException or UnauthorizedAccessException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // an HTTP timeout, not a shutdown
        _ => false,
    };

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: fetched {Read} mentions, stored {Stored} new, skipped {Skipped} malformed")]
    private partial void LogFetched(string source, int read, int stored, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Source {Source} failed ({Failures} in a row); next try in {Backoff}")]
    private partial void LogFailed(Exception exception, string source, int failures, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} is scheduled but not configured (or disabled); ignored")]
    private partial void LogUnknown(string source);
}
