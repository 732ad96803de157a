using CmBot.Core.Incidents;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Core.Approvals;

/// <summary>
/// One line of the approval policy: when all its conditions hold (an empty condition always holds), the
/// reply needs its steps. Risk categories and findings match when any of the listed ones is present.
/// </summary>
public sealed record ApprovalRule(
    string Name,
    IReadOnlySet<Severity> Severities,
    IReadOnlySet<string> RiskCategories,
    IReadOnlySet<GuardrailKind> Findings,
    IReadOnlyList<ApprovalStep> Require)
{
    public bool Applies(Severity severity, IReadOnlyCollection<string> riskCategories, IReadOnlyCollection<GuardrailKind> findings)
    {
        ArgumentNullException.ThrowIfNull(riskCategories);
        ArgumentNullException.ThrowIfNull(findings);
        return (Severities.Count == 0 || Severities.Contains(severity))
            && (RiskCategories.Count == 0 || riskCategories.Any(RiskCategories.Contains))
            && (Findings.Count == 0 || findings.Any(Findings.Contains));
    }
}
