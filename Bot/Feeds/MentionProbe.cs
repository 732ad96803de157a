using CmBot.Bot.Storage;
using CmBot.Core.Mentions;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Feeds;

/// <summary>
/// What the store holds about a mention about to be ingested, in one read: whether it is stored already (same source
/// and id: nothing to do), and the first original stored with its canonical URL (then it is a copy). They used to be
/// two round trips on every new alert's way to the chat.
/// </summary>
public static class MentionProbe
{
    /// <param name="Known">The mention is stored already.</param>
    /// <param name="SameUrl">The first original (not itself a copy) with the mention's canonical URL, if any.</param>
    public sealed record Result(bool Known, StoredFingerprint? SameUrl);

    public static async Task<Result> ReadAsync(CmBotDbContext db, MentionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var (source, externalId) = (input.Source, input.ExternalId);
        var known = db.Mentions.AsNoTracking()
            .Where(m => m.Source == source && m.ExternalId == externalId)
            .Take(1)
            .Select(m => new { m.Id, m.Source, m.ExternalId, m.CanonicalUrl, m.Fingerprint, m.WordCount });

        // The same canonical form Mention.Create stores.
        var url = UrlCanonicalizer.Canonicalize(input.Url);
        var rows = url is null
            ? await known.ToListAsync(cancellationToken)
            : await known.Concat(db.Mentions.AsNoTracking()
                    .Where(m => m.CanonicalUrl == url && m.DuplicateOfId == null)
                    .OrderBy(m => m.PublishedAt)
                    .Take(1)
                    .Select(m => new { m.Id, m.Source, m.ExternalId, m.CanonicalUrl, m.Fingerprint, m.WordCount }))
                .ToListAsync(cancellationToken);
        var original = url is null ? null : rows.FirstOrDefault(r => r.CanonicalUrl == url);
        return new Result(
            rows.Any(r => r.Source == source && r.ExternalId == externalId),
            original is null ? null : new StoredFingerprint(original.Id, original.CanonicalUrl, original.Fingerprint, original.WordCount));
    }
}
