namespace CmBot.Core.Approvals;

public enum ApprovalDecision
{
    Approved,
    Rejected,

    /// <summary>Neither approved nor rejected: the approver asks the author to change the text (comment required).</summary>
    ChangesRequested,
}

/// <summary>One person's sign-off (or refusal) of one exact text, identified by its hash.</summary>
public sealed class Approval
{
    private Approval()
    {
        ApproverId = Role = TextSha256 = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid DraftId { get; private set; }
    public string ApproverId { get; private set; }

    /// <summary>The role the approver signed in.</summary>
    public string Role { get; private set; }

    public ApprovalDecision Decision { get; private set; }
    public string TextSha256 { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>
    /// Set when a deputy signed a late step in place of its approvers: the step they stood in for ("legal"), shown
    /// as "as deputy of legal".
    /// </summary>
    public string? DeputyFor { get; private set; }

    /// <summary>False once the text it approved was edited.</summary>
    public bool Valid { get; private set; }

    public static Approval Record(Guid id, Guid draftId, string approverId, string role, ApprovalDecision decision, string textSha256, string? comment, DateTimeOffset at, string? deputyFor = null) =>
        new()
        {
            Id = id,
            DraftId = draftId,
            ApproverId = approverId,
            Role = role,
            Decision = decision,
            TextSha256 = textSha256,
            Comment = comment,
            At = at,
            Valid = true,
            DeputyFor = deputyFor,
        };

    public void Void() => Valid = false;
}
