using System.Collections.Concurrent;
using CmBot.Bot.Storage;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Replies;

/// <summary>
/// The TF-IDF index over approved replies, one per language, built once and kept until the set of approved replies
/// changes. A request only reads a small fingerprint of that set (how many, the latest change, the sum of their
/// versions): a reply approved, published, edited or voided on any instance changes it and the next request rebuilds;
/// otherwise the built index is reused (building 10,000 replies costs about a thousand queries).
/// </summary>
public sealed class SuggestionIndexCache
{
    private readonly ConcurrentDictionary<string, Entry> _byLanguage = new(StringComparer.Ordinal);

    /// <summary>How many times an index was built (for tests and logs).</summary>
    public int Builds => _builds;

    private int _builds;

    public async Task<CachedSuggestionIndex> GetAsync(CmBotDbContext db, PeopleDirectory people, string language, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        var approved = Approved(db, language);
        var fingerprint = new Fingerprint(
            await approved.CountAsync(cancellationToken),
            await approved.MaxAsync(d => (DateTimeOffset?)d.UpdatedAt, cancellationToken),
            await approved.SumAsync(d => (long)d.Version, cancellationToken),
            max);
        if (_byLanguage.TryGetValue(language, out var cached) && cached.Fingerprint == fingerprint)
        {
            return cached.Index;
        }

        var built = await BuildAsync(db, people, language, max, cancellationToken);
        Interlocked.Increment(ref _builds);
        _byLanguage[language] = new Entry(fingerprint, built);
        return built;
    }

    /// <summary>Replies that went through approval: approved, or published after approval.</summary>
    private static IQueryable<Draft> Approved(CmBotDbContext db, string language) =>
        db.Drafts.AsNoTracking().Where(d => d.Language == language && d.RequiredRoles != string.Empty
            && (d.Status == DraftStatus.Approved || (d.Status == DraftStatus.Published && d.PublishMode == PublishMode.Approved)));

    /// <summary>The latest approved replies in the language, each with the first mention of its incident.</summary>
    private static async Task<CachedSuggestionIndex> BuildAsync(CmBotDbContext db, PeopleDirectory people, string language, int max, CancellationToken cancellationToken)
    {
        var drafts = await Approved(db, language)
            .OrderByDescending(d => d.UpdatedAt)
            .Take(max)
            .Select(d => new { d.Id, d.IncidentId, d.Text, d.AuthorId })
            .ToListAsync(cancellationToken);
        var incidents = drafts.Select(d => (Guid?)d.IncidentId).Distinct().ToList();
        var mentions = drafts.Count == 0
            ? []
            : (await db.Mentions.AsNoTracking()
                    .Where(m => incidents.Contains(m.IncidentId))
                    .Select(m => new { m.IncidentId, m.Text, m.PublishedAt })
                    .ToListAsync(cancellationToken))
                .GroupBy(m => m.IncidentId!.Value)
                .ToDictionary(g => g.Key, g => g.MinBy(m => m.PublishedAt)!.Text);
        var kept = drafts.Where(d => mentions.ContainsKey(d.IncidentId)).ToList();
        return new CachedSuggestionIndex(
            new ReplySuggestionIndex(kept.Select(d => new ApprovedReply(d.Id, language, mentions[d.IncidentId], d.Text, people.FindById(d.AuthorId)?.FirstName))),
            kept.ToDictionary(d => d.Id, d => d.IncidentId));
    }

    private sealed record Fingerprint(int Count, DateTimeOffset? Latest, long Versions, int Max);

    private sealed record Entry(Fingerprint Fingerprint, CachedSuggestionIndex Index);
}

/// <summary>A built index and the incident each indexed reply answered (an incident's own replies are not suggested to it).</summary>
public sealed class CachedSuggestionIndex(ReplySuggestionIndex index, IReadOnlyDictionary<Guid, Guid> incidentOf)
{
    /// <summary>How many candidates are read so that replies of the excluded incident can be skipped.</summary>
    private const int Margin = 8;

    public int Count => index.Count;

    public IReadOnlyList<ReplySuggestion> Suggest(string mentionText, string language, Guid excludeIncident, int top, double minScore) =>
        [.. index.Suggest(mentionText, language, top + Margin, minScore)
            .Where(s => incidentOf.GetValueOrDefault(s.Reply.DraftId) != excludeIncident)
            .Take(top)];
}
