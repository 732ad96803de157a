using CmBot.Core.Approvals;
using CmBot.Core.Common;
using CmBot.Core.People;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Core.Replies;

/// <summary>The approval path: steps signed by different people, never the author, bound to the text's hash.</summary>
public sealed partial class Draft
{
    /// <param name="deadline">The approval deadline for the incident's severity: once late, its deputy may sign a missing step.</param>
    public Approval Approve(Guid approvalId, Person approver, string? comment, DateTimeOffset now, ApprovalDeadline? deadline = null) =>
        Decide(approvalId, approver, ApprovalDecision.Approved, comment, now, deadline);

    /// <param name="deadline">The approval deadline for the incident's severity: once late, its deputy may reject too.</param>
    public Approval Reject(Guid approvalId, Person approver, string? comment, DateTimeOffset now, ApprovalDeadline? deadline = null) =>
        Decide(approvalId, approver, ApprovalDecision.Rejected, comment, now, deadline);

    /// <summary>Whether <paramref name="person"/> may sign in place of late approvers now: the deadline passed and they are its deputy.</summary>
    public bool MaySignAsDeputy(Person person, ApprovalDeadline? deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        return deadline is not null && AwaitsApproval && person.Id != AuthorId
            && deadline.StateAt(ApprovalRequestedAt, now) == ApprovalTimer.Late && deadline.IsDeputy(person);
    }

    /// <summary>
    /// An approver asks the author for changes, with a comment saying which: the draft stays open for editing and
    /// keeps waiting for the same steps. Only someone who could sign a step, never the author, and only while it waits.
    /// </summary>
    public Approval RequestChanges(Guid approvalId, Person approver, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approver);
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleException("comment", "Say which changes are needed: the comment is required.");
        }

        if (Status != DraftStatus.Editing || Steps.Count == 0)
        {
            throw new DomainRuleException("state", "Changes can only be requested on a reply waiting for approval.");
        }

        return Decide(approvalId, approver, ApprovalDecision.ChangesRequested, comment.Trim(), now);
    }

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

    private Approval Decide(Guid approvalId, Person approver, ApprovalDecision decision, string? comment, DateTimeOffset now, ApprovalDeadline? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(approver);
        EnsureNotPublished();
        var deputy = MaySignAsDeputy(approver, deadline, now);
        if (!Required.Any(approver.Has) && !deputy)
        {
            var roles = approver.Roles.Count == 0 ? "no role" : string.Join(", ", approver.Roles.Select(RoleNames.Display));
            throw new DomainRuleException("forbidden", $"{approver.Name} ({roles}) cannot sign this reply off: it needs {DescribeRequired()}.");
        }

        if (approver.Id == AuthorId)
        {
            throw new DomainRuleException("four-eyes", $"{approver.Name} wrote this reply and cannot approve it too.");
        }

        // The step this person signs: the first still open that one of their roles fits; a rejection may come
        // (or a request for changes) from anyone who could sign any step.
        var step = MissingSteps().FirstOrDefault(s => s.AcceptsAny(approver));
        string? deputyFor = null;
        if (step is null && deputy && MissingSteps() is [var late, ..])
        {
            // Late: the deputy signs the first open step in place of its approvers, and the approval says so.
            step = late;
            deputyFor = late.Describe();
        }

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

        var role = step is not null && deputyFor is not null ? step.AnyOf[0]
            : (step ?? Steps.First(s => s.AcceptsAny(approver))).AnyOf.First(approver.Has);
        var approval = Approval.Record(approvalId, Id, approver.Id, role.ToString(), decision, TextSha256, comment, now, deputyFor);
        _approvals.Add(approval);
        Version++;
        Status = decision == ApprovalDecision.Rejected ? DraftStatus.Rejected
            : decision == ApprovalDecision.ChangesRequested ? DraftStatus.Editing
            : MissingSteps().Count == 0 ? DraftStatus.Approved
            : DraftStatus.Editing;
        UpdatedAt = now;
        return approval;
    }

    private IEnumerable<Approval> CurrentApprovals() =>
        _approvals.Where(a => a.Valid && a.Decision == ApprovalDecision.Approved && a.TextSha256 == TextSha256);
}
