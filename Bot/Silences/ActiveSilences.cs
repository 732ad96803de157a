using System.Collections.Immutable;
using CmBot.Bot.Storage;
using CmBot.Core.Routing;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Silences;

/// <summary>
/// The silences created from chat that are not over yet, in memory: the router reads them for every alert without
/// touching the database. Loaded once on first use, updated at once when this process creates or ends one, and
/// reloaded by <see cref="ActiveSilencesRefresher"/> (silences created by another instance, a save that failed).
/// An entry that has run out is simply ignored (<see cref="Silence.IsActive"/>) until the next reload drops it.
/// </summary>
public sealed partial class ActiveSilences(IServiceScopeFactory scopes, TimeProvider time, ILogger<ActiveSilences> logger) : IDisposable
{
    /// <summary>Longer than a unit of work takes to commit, shorter than anyone would wait for a silence to show.</summary>
    public static readonly TimeSpan LocalOverlay = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (Silence Silence, DateTimeOffset At)> _local = [];
    private volatile ImmutableDictionary<Guid, Silence>? _current;

    /// <summary>The silences not over yet; the first call of the process reads them from the database.</summary>
    public async Task<IReadOnlyCollection<Silence>> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } loaded)
        {
            return Live(loaded);
        }

        await RefreshAsync(onlyIfUnloaded: true, cancellationToken);
        return Live(_current!);
    }

    /// <summary>Reads the silences that end after now from the database and replaces the cached set.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => RefreshAsync(onlyIfUnloaded: false, cancellationToken);

    /// <summary>
    /// Records a silence this process just created or ended (an ended one leaves the set). Called before the unit of
    /// work commits, so a reload that read the table just before the commit keeps it: local changes overlay every
    /// reload for <see cref="LocalOverlay"/>, after which the table alone is the truth.
    /// </summary>
    public async Task UpsertAsync(Silence silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        await GetAsync(cancellationToken);
        lock (_gate)
        {
            _local[silence.Id] = (silence, time.GetUtcNow());
            _current = Apply(_current!, silence, time.GetUtcNow());
        }
    }

    public void Dispose() => _loading.Dispose();

    private static ImmutableDictionary<Guid, Silence> Apply(ImmutableDictionary<Guid, Silence> set, Silence silence, DateTimeOffset now) =>
        silence.EndsAt > now ? set.SetItem(silence.Id, silence) : set.Remove(silence.Id);

    private IReadOnlyCollection<Silence> Live(ImmutableDictionary<Guid, Silence> set)
    {
        var now = time.GetUtcNow();
        return set.Values.Any(s => !s.IsActive(now)) ? [.. set.Values.Where(s => s.IsActive(now))] : [.. set.Values];
    }

    private async Task RefreshAsync(bool onlyIfUnloaded, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (onlyIfUnloaded && _current is not null)
            {
                return;
            }

            var now = time.GetUtcNow();
            List<StoredSilence> rows;
            await using (var scope = scopes.CreateAsyncScope())
            {
                rows = await scope.ServiceProvider.GetRequiredService<CmBotDbContext>().Set<StoredSilence>().AsNoTracking()
                    .Where(s => s.EndsAt > now)
                    .ToListAsync(cancellationToken);
            }

            var set = ImmutableDictionary.CreateBuilder<Guid, Silence>();
            foreach (var row in rows)
            {
                try
                {
                    set[row.Id] = row.ToSilence();
                }
                catch (FormatException ex)
                {
                    // One unreadable row must not stop the others from muting.
                    LogUnreadable(ex, row.Id, row.Matchers);
                }
            }

            lock (_gate)
            {
                var fresh = set.ToImmutable();
                foreach (var (id, change) in _local.ToList())
                {
                    if (now - change.At > LocalOverlay)
                    {
                        _local.Remove(id);
                    }
                    else
                    {
                        fresh = Apply(fresh, change.Silence, now);
                    }
                }

                _current = fresh;
                LogLoaded(fresh.Count);
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} active silences loaded")]
    private partial void LogLoaded(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Silence {SilenceId} has matchers that cannot be read ({Matchers}); it is ignored")]
    private partial void LogUnreadable(Exception exception, Guid silenceId, string matchers);
}
