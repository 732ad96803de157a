using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Bot.Replies;

/// <summary>What the linter finds in a text and the approval path that follows for its incident.</summary>
public sealed record DraftAssessment(IReadOnlyList<GuardrailFinding> Findings, ApprovalRequirement Requirement);

/// <summary>
/// Lints a draft's text against the target platform and the charter, then asks the approval policy who must
/// sign it off given the incident and the findings. Run on creation and on every edit.
/// </summary>
public sealed class DraftReview(DraftLinter linter, ApprovalPolicySet policy)
{
    public DraftAssessment Assess(Incident incident, string text, string target, string? authorFirstName)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var findings = linter.Lint(text, PlatformLimits.ForTarget(target), authorFirstName);
        var categories = incident.RiskCategories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var requirement = policy.For(incident.Severity, categories, findings.Where(f => f.Level != GuardrailLevel.Notice).Select(f => f.Kind));
        return new DraftAssessment(findings, requirement);
    }
}
