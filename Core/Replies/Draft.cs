using CmBot.Core.Approvals;
using CmBot.Core.Common;
using CmBot.Core.People;

namespace CmBot.Core.Replies;

/// <summary>
/// A proposed public reply. Approvals are bound to the SHA-256 of the exact text and target: an edit voids
/// them, and publishing checks the hash again.
/// </summary>
public sealed class Draft
{
    private readonly List<Approval> _approvals = [];

    private Draft()
    {
        Text = TextSha256 = Target = AuthorId = Language = RequiredRoles = string.Empty;
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

    /// <summary>Comma-separated roles of which one must approve; empty when none is needed.</summary>
    public string RequiredRoles { get; private set; }

    public int Revision { get; private set; }

    /// <summary>Bumped on every visible change (edit, approval, publication), so chat updates can be ordered.</summary>
    public int Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public IReadOnlyList<Approval> Approvals => _approvals;

    public IReadOnlyList<Role> Required =>
        RequiredRoles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Role>).ToList();

    public static Draft Create(Guid id, Guid incidentId, string text, string target, string language, Person author, ApprovalRequirement requirement, DateTimeOffset now)
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
            RequiredRoles = string.Join(',', requirement.AnyOf),
            Revision = 1,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Replaces the text; every approval given so far is voided.</summary>
    public void Edit(Person editor, string text, DateTimeOffset now)
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
        if (Status != DraftStatus.Approved)
        {
            throw new DomainRuleException("not-approved", $"This reply needs approval by {DescribeRequired()} before it can be published.");
        }

        if (Required.Count > 0 && !_approvals.Any(a => a.Valid && a.Decision == ApprovalDecision.Approved && a.TextSha256 == TextSha256))
        {
            throw new DomainRuleException("hash-mismatch", "The text changed since it was approved; it needs approval again.");
        }

        Status = DraftStatus.Published;
        Version++;
        PublishedBy = publisher.Id;
        PublishedAt = now;
        UpdatedAt = now;
    }

    public string DescribeRequired() =>
        Required.Count == 0 ? "nobody" : string.Join(" or ", Required.Select(RoleNames.Display));

    private static bool CanWrite(Person person) =>
        person.Has(Role.CommunityManager) || person.Has(Role.Lead) || person.Has(Role.Comms) || person.Has(Role.Ceo);

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
        var role = Required.Where(approver.Has).Select(r => (Role?)r).FirstOrDefault();
        if (role is null)
        {
            var roles = approver.Roles.Count == 0 ? "no role" : string.Join(", ", approver.Roles.Select(RoleNames.Display));
            throw new DomainRuleException("forbidden", $"{approver.Name} ({roles}) cannot sign this reply off: it needs {DescribeRequired()}.");
        }

        if (approver.Id == AuthorId)
        {
            throw new DomainRuleException("four-eyes", $"{approver.Name} wrote this reply and cannot approve it too.");
        }

        var approval = Approval.Record(approvalId, Id, approver.Id, role.Value.ToString(), decision, TextSha256, comment, now);
        _approvals.Add(approval);
        Version++;
        Status = decision == ApprovalDecision.Approved ? DraftStatus.Approved : DraftStatus.Rejected;
        UpdatedAt = now;
        return approval;
    }

    private void EnsureNotPublished()
    {
        if (Status == DraftStatus.Published)
        {
            throw new DomainRuleException("state", "This reply is already published.");
        }
    }
}
