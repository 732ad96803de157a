using CmBot.Core.Approvals;
using CmBot.Core.Common;
using CmBot.Core.People;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Core.Replies;

/// <summary>
/// A proposed public reply. Approvals are bound to the SHA-256 of the exact text and target: an edit voids
/// them, and publishing checks the hash again. The approval path is a list of steps, each signed by a
/// different person (never the author); the guardrail findings of the current text travel with it.
/// </summary>
public sealed class Draft
{
    private readonly List<Approval> _approvals = [];

    private Draft()
    {
        Text = TextSha256 = Target = AuthorId = Language = RequiredRoles = Findings = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public string Text { get; private set; }
    public string TextSha256 { get; private set; }

    /// <summary>Where the reply goes (platform and the post it answers).</summary>
    public string Target { get; private set; }

    public string Language { get; private set; }
    public string AuthorId { get; private set; }
    public DraftStatus Status { get; private set; }

    /// <summary>
    /// The approval path as stored: steps separated by ';', each a comma-separated list of roles of which one
    /// must sign ("Legal;Comms" is four-eyes, "Lead,Legal" one signature); empty when none is needed.
    /// </summary>
    public string RequiredRoles { get; private set; }

    /// <summary>Why this path: the names of the policy rules that applied.</summary>
    public string? RequiredWhy { get; private set; }

    /// <summary>The linter's findings on the current text, one per line as "Level|Kind|evidence".</summary>
    public string Findings { get; private set; }

    public int Revision { get; private set; }

    /// <summary>Bumped on every visible change (edit, approval, publication), so chat updates can be ordered.</summary>
    public int Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Approved, CEO direct or break-glass; the last two wait for a review by legal or comms.</summary>
    public PublishMode PublishMode { get; private set; }

    /// <summary>Why a break-glass publication could not wait for approval, as its author wrote it.</summary>
    public string? Justification { get; private set; }

    public string? ReviewedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>Published without approval and not yet reviewed by legal or comms.</summary>
    public bool AwaitsReview => Status == DraftStatus.Published && PublishMode != PublishMode.Approved && ReviewedBy is null;
    public IReadOnlyList<Approval> Approvals => _approvals;

    /// <summary>Every role that can sign at least one step.</summary>
    public IReadOnlyList<Role> Required => [.. Steps.SelectMany(s => s.AnyOf).Distinct()];

    public IReadOnlyList<ApprovalStep> Steps =>
        [.. RequiredRoles.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(step => new ApprovalStep([.. step.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Role>)]))];

    public IReadOnlyList<GuardrailFinding> FindingList =>
        [.. Findings.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseFinding).OfType<GuardrailFinding>()];

    /// <summary>True while a finding blocks publication (personal data, over the platform's limit).</summary>
    public bool IsBlocked => FindingList.Any(f => f.Level == GuardrailLevel.Block);

    public static Draft Create(Guid id, Guid incidentId, string text, string target, string language, Person author, ApprovalRequirement requirement, DateTimeOffset now) =>
        Create(id, incidentId, text, target, language, author, requirement, [], now);

    public static Draft Create(Guid id, Guid incidentId, string text, string target, string language, Person author, ApprovalRequirement requirement, IReadOnlyList<GuardrailFinding> findings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(requirement);
        if (!CanWrite(author))
        {
            throw new DomainRuleException("forbidden", $"{author.Name} has no role that may draft replies.");
        }

        return new Draft
        {
            Id = id,
            IncidentId = incidentId,
            Text = RequireText(text),
            TextSha256 = TextHash.Of(text, target),
            Target = target,
            Language = language,
            AuthorId = author.Id,
            Status = requirement.IsRequired ? DraftStatus.Editing : DraftStatus.Approved,
            RequiredRoles = Encode(requirement),
            RequiredWhy = requirement.IsRequired ? requirement.Why : null,
            Findings = Encode(findings),
            Revision = 1,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Replaces the text; every approval given so far is voided.</summary>
    public void Edit(Person editor, string text, DateTimeOffset now) => Edit(editor, text, null, null, now);

    /// <summary>
    /// Replaces the text with its new findings and the approval path they lead to; every approval given so far
    /// is voided and the path starts again.
    /// </summary>
    public void Edit(Person editor, string text, ApprovalRequirement? requirement, IReadOnlyList<GuardrailFinding>? findings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(editor);
        if (!CanWrite(editor))
        {
            throw new DomainRuleException("forbidden", $"{editor.Name} has no role that may edit replies.");
        }

        EnsureNotPublished();
        text = RequireText(text);
        if (text == Text)
        {
            return;
        }

        Text = text;
        TextSha256 = TextHash.Of(text, Target);
        if (requirement is not null)
        {
            RequiredRoles = Encode(requirement);
            RequiredWhy = requirement.IsRequired ? requirement.Why : null;
        }

        if (findings is not null)
        {
            Findings = Encode(findings);
        }

        Revision++;
        Version++;
        UpdatedAt = now;
        foreach (var approval in _approvals)
        {
            approval.Void();
        }

        Status = RequiredRoles.Length == 0 ? DraftStatus.Approved : DraftStatus.Editing;
    }

    public Approval Approve(Guid approvalId, Person approver, string? comment, DateTimeOffset now) =>
        Decide(approvalId, approver, ApprovalDecision.Approved, comment, now);

    public Approval Reject(Guid approvalId, Person approver, string? comment, DateTimeOffset now) =>
        Decide(approvalId, approver, ApprovalDecision.Rejected, comment, now);

    /// <summary>Checks the text is still the one approved and marks it published.</summary>
    public void Publish(Person publisher, DateTimeOffset now)
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

        MarkPublished(publisher, PublishMode.Approved, null, now);
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

    /// <summary>The whole path: "legal and comms", "lead or legal", "nobody".</summary>
    public string DescribeRequired() => new ApprovalRequirement(Steps, string.Empty).Describe();

    /// <summary>The steps still unsigned for the current text: "comms", or "nobody" when complete.</summary>
    public string DescribeMissing() => new ApprovalRequirement(MissingSteps(), string.Empty).Describe();

    /// <summary>The steps no valid approval of the current text covers yet, in path order.</summary>
    public IReadOnlyList<ApprovalStep> MissingSteps()
    {
        var steps = Steps;
        var covered = new bool[steps.Count];
        foreach (var approval in CurrentApprovals())
        {
            var role = Enum.Parse<Role>(approval.Role);
            var index = Enumerable.Range(0, steps.Count).FirstOrDefault(i => !covered[i] && steps[i].AnyOf.Contains(role), -1);
            if (index >= 0)
            {
                covered[index] = true;
            }
        }

        return [.. steps.Where((_, i) => !covered[i])];
    }

    private static bool CanWrite(Person person) => DraftPermissions.MayWrite(person);

    private static string RequireText(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException("empty", "A reply cannot be empty.");
        }

        return text.Trim();
    }

    private Approval Decide(Guid approvalId, Person approver, ApprovalDecision decision, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approver);
        EnsureNotPublished();
        if (!Required.Any(approver.Has))
        {
            var roles = approver.Roles.Count == 0 ? "no role" : string.Join(", ", approver.Roles.Select(RoleNames.Display));
            throw new DomainRuleException("forbidden", $"{approver.Name} ({roles}) cannot sign this reply off: it needs {DescribeRequired()}.");
        }

        if (approver.Id == AuthorId)
        {
            throw new DomainRuleException("four-eyes", $"{approver.Name} wrote this reply and cannot approve it too.");
        }

        // The step this person signs: the first still open that one of their roles fits; a rejection may come
        // from anyone who could sign any step.
        var step = MissingSteps().FirstOrDefault(s => s.AcceptsAny(approver));
        if (decision == ApprovalDecision.Approved)
        {
            if (CurrentApprovals().Any(a => a.ApproverId == approver.Id))
            {
                throw new DomainRuleException("four-eyes", $"{approver.Name} already signed this text; the next step needs {DescribeMissing()}, signed by someone else.");
            }

            if (step is null)
            {
                throw new DomainRuleException("forbidden", $"{approver.Name} cannot sign what remains: it needs {DescribeMissing()}.");
            }
        }

        var role = (step ?? Steps.First(s => s.AcceptsAny(approver))).AnyOf.First(approver.Has);
        var approval = Approval.Record(approvalId, Id, approver.Id, role.ToString(), decision, TextSha256, comment, now);
        _approvals.Add(approval);
        Version++;
        Status = decision == ApprovalDecision.Rejected ? DraftStatus.Rejected
            : MissingSteps().Count == 0 ? DraftStatus.Approved
            : DraftStatus.Editing;
        UpdatedAt = now;
        return approval;
    }

    private IEnumerable<Approval> CurrentApprovals() =>
        _approvals.Where(a => a.Valid && a.Decision == ApprovalDecision.Approved && a.TextSha256 == TextSha256);

    private static string Encode(ApprovalRequirement requirement) =>
        string.Join(';', requirement.Steps.Select(s => string.Join(',', s.AnyOf)));

    private static string Encode(IReadOnlyList<GuardrailFinding> findings)
    {
        var lines = findings.Select(f => $"{f.Level}|{f.Kind}|{f.Evidence.ReplaceLineEndings(" ")}");
        var encoded = string.Join('\n', lines);
        if (encoded.Length <= MaxFindingsLength)
        {
            return encoded;
        }

        var cut = encoded.LastIndexOf('\n', MaxFindingsLength);
        return encoded[..(cut > 0 ? cut : MaxFindingsLength)];
    }

    private static GuardrailFinding? ParseFinding(string line)
    {
        var parts = line.Split('|', 3);
        return parts.Length == 3 && Enum.TryParse<GuardrailLevel>(parts[0], out var level) && Enum.TryParse<GuardrailKind>(parts[1], out var kind)
            ? new GuardrailFinding(kind, level, parts[2], -1, 0)
            : null;
    }

    /// <summary>Storage bound for <see cref="Findings"/>; the rest is dropped whole lines at a time.</summary>
    public const int MaxFindingsLength = 2000;

    private void EnsureNotPublished()
    {
        if (Status == DraftStatus.Published)
        {
            throw new DomainRuleException("state", "This reply is already published.");
        }
    }
}
