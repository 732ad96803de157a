using System.Globalization;
using CmBot.Bot.Storage;
using CmBot.Core.Triage.Spikes;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Triage.Spikes;

/// <summary>
/// Keeps the <see cref="SpikeDetector"/>'s hour-of-week baselines in the database: restored on first use, then the
/// changed keys are written at most once per <c>spikes.save_every</c> (with the mention that happens to be saved then,
/// in the same transaction), and once more when the host stops. A crash loses at most that interval of learning,
/// never the baseline. Used under the ingestor's write gate (one writer).
/// </summary>
public sealed partial class SpikeBaselineStore(SpikeDetector detector, Grading.SeverityConfiguration configuration, ILogger<SpikeBaselineStore> logger)
{
    private bool _loaded;
    private DateTimeOffset _lastSave = DateTimeOffset.MinValue;

    public SpikeDetector Detector => detector;

    /// <summary>Restores the saved baselines once, before the first mention is observed.</summary>
    public async Task EnsureLoadedAsync(CmBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_loaded)
        {
            return;
        }

        var rows = await db.Set<StoredSpikeBaseline>().AsNoTracking().ToListAsync(cancellationToken);
        detector.Restore(rows.Select(ToBaseline));
        _loaded = true;
        LogRestored(rows.Count);
    }

    /// <summary>
    /// Adds the changed keys to <paramref name="db"/> when the save interval has passed (the caller's SaveChanges
    /// writes them); returns how many rows were staged.
    /// </summary>
    public async Task<int> StageIfDueAsync(CmBotDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!_loaded || now - _lastSave < configuration.BaselineSaveEvery)
        {
            return 0;
        }

        return await StageAsync(db, now, cancellationToken);
    }

    /// <summary>Adds every changed key to <paramref name="db"/> now (at shutdown).</summary>
    public async Task<int> StageAsync(CmBotDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        _lastSave = now;
        var changes = detector.TakeChanges();
        if (changes.Count == 0)
        {
            return 0;
        }

        // Read-then-insert: on PostgreSQL another instance may be staging the same new key now.
        await PostgresAuditChain.HoldAsync(db, cancellationToken);
        var keys = changes.Select(c => c.Key).ToList();
        var existing = await db.Set<StoredSpikeBaseline>().Where(b => keys.Contains(b.Key)).ToDictionaryAsync(b => b.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var change in changes)
        {
            if (!existing.TryGetValue(change.Key, out var row))
            {
                row = new StoredSpikeBaseline { Key = change.Key, Buckets = string.Empty };
                db.Add(row);
            }

            row.Buckets = Encode(change);
            row.CurrentHour = change.CurrentHour;
            row.HourCount = change.HourCount;
            row.LastSpike = change.LastSpike;
            row.Latest = change.Latest;
            row.UpdatedAt = now;
        }

        return changes.Count;
    }

    public static string Encode(SpikeBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return string.Join(';', baseline.Baseline.Select((v, i) => baseline.Learned[i] ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty));
    }

    public static SpikeBaseline ToBaseline(StoredSpikeBaseline row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var parts = row.Buckets.Split(';');
        var values = new double[parts.Length];
        var learned = new bool[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            learned[i] = double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]);
        }

        return new SpikeBaseline(row.Key, values, learned, row.CurrentHour, row.HourCount, row.LastSpike, row.Latest);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Spike baselines restored for {Keys} topic keys")]
    private partial void LogRestored(int keys);
}
