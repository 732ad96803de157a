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
public sealed partial class Draft
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

    /// <summary>When the current text was put up for approval (creation or last edit): its deadlines run from here.</summary>
    public DateTimeOffset ApprovalRequestedAt { get; private set; }

    /// <summary>True while the text waits for at least one signature.</summary>
    public bool AwaitsApproval => Status == DraftStatus.Editing && RequiredRoles.Length > 0;
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
            ApprovalRequestedAt = now,
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
        ApprovalRequestedAt = now;
        foreach (var approval in _approvals)
        {
            approval.Void();
        }

        Status = RequiredRoles.Length == 0 ? DraftStatus.Approved : DraftStatus.Editing;
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
