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
        };
    }

    public void AttachTo(Guid incidentId) => IncidentId = incidentId;
}
