using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// One group commit of the inbox: the requests' entries in one transaction (the fast path: a prepared insert), and,
/// when a retry or a replay is among them, the checked path that tells them apart; then the processor's changes.
/// </summary>
public static class SlackInboxCommit
{
    private const int ConflictRetries = 3;

    public static async Task RunAsync(SlackInboxStore store, List<SlackInboxPending> batch)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(batch);
        await store.EnsureOpenAsync(CancellationToken.None);
        var entries = batch.FindAll(p => p.Entry is not null);
        var changes = batch.FindAll(p => p.Change is not null);
        try
        {
            // The usual case: nothing in the batch was seen before.
            await store.CommitAsync(entries.ConvertAll(p => p.Entry!.ToItem()), changes);
            entries.ForEach(p => p.Outcome = SlackInboxWriteResult.Stored);
            return;
        }
        catch (DbException)
        {
            // Most likely a unique key (a retry or a replay); anything worse fails again below.
        }

        if (entries.Count > 0)
        {
            await InsertCheckedAsync(store, entries);
        }

        if (changes.Count > 0)
        {
            await store.CommitAsync([], changes);
        }
    }

    /// <summary>
    /// A retry or a replay is in the batch: look the keys up, store only what is new, and a marker for each retry
    /// so its signature is remembered too. Another instance may commit the same key meanwhile: then look again.
    /// </summary>
    private static async Task InsertCheckedAsync(SlackInboxStore store, List<SlackInboxPending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = store.CreateContext();
            var keys = batch.Select(p => p.Entry!.DedupKey).OfType<string>().Distinct().ToList();
            var signatures = batch.Select(p => p.Entry!.Signature).OfType<string>().Distinct().ToList();
            var existing = await db.SlackInbox.AsNoTracking()
                .Where(i => (i.DedupKey != null && keys.Contains(i.DedupKey)) || (i.Signature != null && signatures.Contains(i.Signature)))
                .Select(i => new { i.DedupKey, i.Signature })
                .ToListAsync(CancellationToken.None);
            var seenKeys = existing.Select(e => e.DedupKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var seenSignatures = existing.Select(e => e.Signature).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var pending in batch)
            {
                var entry = pending.Entry!;
                if (entry.Signature is { } signature && !seenSignatures.Add(signature))
                {
                    pending.Outcome = SlackInboxWriteResult.Replayed;
                }
                else if (entry.DedupKey is { } key && !seenKeys.Add(key))
                {
                    pending.Outcome = SlackInboxWriteResult.Duplicate;
                    if (entry.Signature is not null)
                    {
                        db.SlackInbox.Add(entry.ToDuplicateMarker());
                    }
                }
                else
                {
                    pending.Outcome = SlackInboxWriteResult.Stored;
                    db.SlackInbox.Add(entry.ToItem());
                }
            }

            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException) when (attempt < ConflictRetries)
            {
                // Lost a race with another instance on one of the keys: the next lookup sees its row.
            }
        }
    }
}
