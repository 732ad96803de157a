using CmBot.Core.Approvals;
using CmBot.Core.Common;
using CmBot.Core.People;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Core.Replies;

/// <summary>Publication: after approval, CEO direct, or break-glass with a justification, reviewed afterwards.</summary>
public sealed partial class Draft
{
    /// <summary>How the reply went out: <see cref="ManualChannel"/> when someone posted it by hand; null otherwise.</summary>
    public string? PublishedVia { get; private set; }

    /// <summary>The address of the posted reply, when known (given by whoever posted it by hand).</summary>
    public string? PublishedUrl { get; private set; }

    /// <summary>The <see cref="PublishedVia"/> of a reply copied and posted by a person.</summary>
    public const string ManualChannel = "manual";

    /// <summary>Checks the text is still the one approved and marks it published.</summary>
    public void Publish(Person publisher, DateTimeOffset now)
    {
        EnsurePublishable(publisher);
        MarkPublished(publisher, PublishMode.Approved, null, now);
    }

    /// <summary>
    /// Someone copied the approved text, posted it themselves, and gives the link: the same checks as
    /// <see cref="Publish"/> (approved, hash unchanged, nothing blocking), then published by hand with that link.
    /// </summary>
    public void MarkPosted(Person publisher, string? link, DateTimeOffset now)
    {
        if (!PostedLinks.TryParse(link, out var uri))
        {
            throw new DomainRuleException("link", "Give the http or https link of the posted reply.");
        }

        EnsurePublishable(publisher);
        MarkPublished(publisher, PublishMode.Approved, null, now);
        PublishedVia = ManualChannel;
        PublishedUrl = uri!.AbsoluteUri;
    }

    private void EnsurePublishable(Person publisher)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        if (!CanWrite(publisher))
        {
            throw new DomainRuleException("forbidden", $"{publisher.Name} has no role that may publish replies.");
        }

        EnsureNotPublished();
        if (IsBlocked)
        {
            var blocking = FindingList.First(f => f.Level == GuardrailLevel.Block);
            throw new DomainRuleException("blocked", $"This reply cannot be published as it is: {blocking.Kind} ({blocking.Evidence}).");
        }

        if (Status != DraftStatus.Approved)
        {
            throw new DomainRuleException("not-approved", $"This reply needs approval by {DescribeMissing()} before it can be published.");
        }

        if (Steps.Count > 0 && (_approvals.Any(a => a.Valid && a.TextSha256 != TextSha256) || MissingSteps().Count > 0))
        {
            throw new DomainRuleException("hash-mismatch", "The text changed since it was approved; it needs approval again.");
        }
    }

    private void PublishWithoutApproval(Person publisher, PublishMode mode, string? justification, DateTimeOffset now)
    {
        EnsureNotPublished();
        if (IsBlocked)
        {
            var blocking = FindingList.First(f => f.Level == GuardrailLevel.Block);
            throw new DomainRuleException("blocked", $"This reply cannot be published as it is: {blocking.Kind} ({blocking.Evidence}).");
        }

        MarkPublished(publisher, mode, justification, now);
    }

    private void MarkPublished(Person publisher, PublishMode mode, string? justification, DateTimeOffset now)
    {
        Status = DraftStatus.Published;
        PublishMode = mode;
        Justification = justification;
        Version++;
        PublishedBy = publisher.Id;
        PublishedAt = now;
        UpdatedAt = now;
    }

    /// <summary>
    /// The CEO answers directly: published without approvals, marked as such, and shown to legal and comms to
    /// review afterwards. A blocking finding (personal data, too long) still stops it.
    /// </summary>
    public void PublishDirect(Person ceo, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ceo);
        if (!ceo.Has(Role.Ceo))
        {
            throw new DomainRuleException("forbidden", $"Only the CEO may publish a reply directly; {ceo.Name} can ask for approval instead.");
        }

        PublishWithoutApproval(ceo, PublishMode.CeoDirect, null, now);
    }

    /// <summary>
    /// Break-glass: a lead, the comms director or legal publishes without waiting, with a written justification
    /// that legal or comms review afterwards.
    /// </summary>
    public void BreakGlass(Person person, string? justification, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!(person.Has(Role.Lead) || person.Has(Role.Comms) || person.Has(Role.Legal) || person.Has(Role.Ceo)))
        {
            throw new DomainRuleException("forbidden", $"{person.Name} cannot break the glass: only a lead, the comms director, legal or the CEO may publish without approval.");
        }

        if (string.IsNullOrWhiteSpace(justification) || justification.Trim().Length < MinJustificationLength)
        {
            throw new DomainRuleException("justification", $"Break-glass needs a written justification of at least {MinJustificationLength} characters: why this cannot wait for approval.");
        }

        if (justification.Trim().Length > MaxJustificationLength)
        {
            throw new DomainRuleException("justification", $"Keep the justification under {MaxJustificationLength} characters.");
        }

        PublishWithoutApproval(person, PublishMode.BreakGlass, justification.Trim(), now);
    }

    /// <summary>Legal or comms have read a reply published without approval.</summary>
    public void MarkReviewed(Person reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (!AwaitsReview)
        {
            throw new DomainRuleException("state", "This reply has nothing to review: it went through approval, is not published yet, or was reviewed.");
        }

        if (!(reviewer.Has(Role.Legal) || reviewer.Has(Role.Comms)))
        {
            throw new DomainRuleException("forbidden", $"{reviewer.Name} cannot review it: legal or the comms director does.");
        }

        if (reviewer.Id == PublishedBy)
        {
            throw new DomainRuleException("four-eyes", $"{reviewer.Name} published this reply and cannot review it too.");
        }

        ReviewedBy = reviewer.Id;
        ReviewedAt = now;
        Version++;
        UpdatedAt = now;
    }

    /// <summary>Shortest break-glass justification accepted.</summary>
    public const int MinJustificationLength = 15;

    /// <summary>Longest break-glass justification stored.</summary>
    public const int MaxJustificationLength = 1000;
}
