using CmBot.Bot.Storage;
using CmBot.Core.Mentions;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Feeds;

/// <summary>
/// This process's index of recent original mentions for near-duplicate lookups (SimHash bands, no scan): filled
/// from the database on first use with the originals of the last two days, then kept up to date by the ingestor.
/// Used under the ingestor's write gate (one writer). Another instance's mentions are not in it: with several
/// instances, a copy ingested by one of an original ingested by the other is still caught by its canonical URL,
/// not by its text.
/// </summary>
public sealed class DuplicateIndex(NearDuplicates rule)
{
    /// <summary>Copies circulate for a day or two; older mentions are not compared.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(2);

    /// <summary>Bounds memory (about 5 KB per original).</summary>
    public const int Capacity = 20_000;

    private NearDuplicateIndex? _index;
    private DateTimeOffset _lastEviction;

    public async Task<NearDuplicateIndex> GetAsync(CmBotDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_index is null)
        {
            var index = new NearDuplicateIndex(rule, Capacity);
            var from = now - Window;
            var recent = await db.Mentions.AsNoTracking()
                .Where(m => m.DuplicateOfId == null && m.WordCount > 0 && m.PublishedAt >= from)
                .OrderByDescending(m => m.PublishedAt)
                .Take(Capacity)
                .Select(m => new { m.Id, m.CanonicalUrl, m.Fingerprint, m.WordCount, m.PublishedAt })
                .ToListAsync(cancellationToken);
            foreach (var m in recent.OrderBy(m => m.PublishedAt))
            {
                index.Add(new StoredFingerprint(m.Id, m.CanonicalUrl, m.Fingerprint, m.WordCount), m.PublishedAt);
            }

            _index = index;
            _lastEviction = now;
        }
        else if (now - _lastEviction > TimeSpan.FromMinutes(10))
        {
            _index.Evict(now - Window);
            _lastEviction = now;
        }

        return _index;
    }
}
