using CmBot.Core.Incidents;

namespace CmBot.Core.Mentions;

/// <summary>Something said about the brand, as a source delivered it, before triage.</summary>
public sealed record MentionInput(
    string Source,
    string ExternalId,
    string? Url,
    string Author,
    int AuthorReach,
    string Text,
    string? Language,
    DateTimeOffset PublishedAt);

/// <summary>A stored mention with its triage verdict.</summary>
public sealed class Mention
{
    private Mention()
    {
        Source = ExternalId = Author = Text = Language = Reason = RiskCategories = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Source { get; private set; }
    public string ExternalId { get; private set; }
    public string? Url { get; private set; }
    public string Author { get; private set; }
    public int AuthorReach { get; private set; }
    public string Text { get; private set; }
    public string Language { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public DateTimeOffset FetchedAt { get; private set; }
    public double Sentiment { get; private set; }

    /// <summary>Comma-separated risk category keys, empty when none matched.</summary>
    public string RiskCategories { get; private set; }

    public Severity Severity { get; private set; }
    public string Reason { get; private set; }
    public Guid? IncidentId { get; private set; }

    /// <summary>The URL in canonical form (<see cref="UrlCanonicalizer"/>), for exact de-duplication across sources.</summary>
    public string? CanonicalUrl { get; private set; }

    /// <summary>SimHash of the content (<see cref="SimHash"/>), for near-duplicate collapsing.</summary>
    public long Fingerprint { get; private set; }

    /// <summary>Different content words the fingerprint was computed from (short texts need an exact match).</summary>
    public int WordCount { get; private set; }

    /// <summary>Set when this mention is a copy (retweet, syndicated article...) of an earlier one.</summary>
    public Guid? DuplicateOfId { get; private set; }

    /// <summary>How many copies of this mention were seen after it.</summary>
    public int DuplicateCount { get; private set; }

    public static Mention Create(Guid id, MentionInput input, string language, Triage.TriageResult triage, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(triage);
        return new Mention
        {
            Id = id,
            Source = input.Source,
            ExternalId = input.ExternalId,
            Url = input.Url,
            Author = input.Author,
            AuthorReach = Math.Max(0, input.AuthorReach),
            Text = input.Text,
            Language = language,
            PublishedAt = input.PublishedAt,
            FetchedAt = fetchedAt,
            Sentiment = triage.Sentiment,
            RiskCategories = string.Join(',', triage.Risks.Select(r => r.Category).Distinct()),
            Severity = triage.Severity,
            Reason = triage.Reason,
            CanonicalUrl = UrlCanonicalizer.Canonicalize(input.Url),
            Fingerprint = SimHash.Compute(input.Text),
            WordCount = SimHash.DistinctWords(input.Text),
        };
    }

    public void AttachTo(Guid incidentId) => IncidentId = incidentId;

    /// <summary>Records that this mention copies <paramref name="original"/>: the copy counts there instead of alerting again.</summary>
    public void MarkDuplicateOf(Mention original)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.Id == Id)
        {
            throw new ArgumentException("A mention cannot duplicate itself.", nameof(original));
        }

        DuplicateOfId = original.Id;
        original.DuplicateCount++;
    }
}
