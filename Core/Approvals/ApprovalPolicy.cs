using CmBot.Core.Incidents;
using CmBot.Core.People;

namespace CmBot.Core.Approvals;

/// <summary>Who must sign a reply off before it can be published.</summary>
public sealed record ApprovalRequirement(IReadOnlyList<Role> AnyOf, string Why)
{
    public static readonly ApprovalRequirement None = new([], "no approval needed");

    public bool IsRequired => AnyOf.Count > 0;
}

/// <summary>
/// Walking-skeleton policy: a crisis or anything touching safety, legal or privacy needs legal;
/// other alerts need a lead or legal; the rest may be published by the community manager.
/// </summary>
public static class ApprovalPolicy
{
    private static readonly string[] LegalCategories = ["safety", "legal", "privacy"];

    public static ApprovalRequirement For(Severity severity, IEnumerable<string> riskCategories)
    {
        ArgumentNullException.ThrowIfNull(riskCategories);
        var categories = riskCategories.ToList();
        if (severity == Severity.P1 || categories.Any(c => LegalCategories.Contains(c)))
        {
            return new ApprovalRequirement([Role.Legal], severity == Severity.P1 ? "P1 crisis: legal sign-off" : "legal risk: legal sign-off");
        }

        return severity == Severity.P2
            ? new ApprovalRequirement([Role.Lead, Role.Legal], "P2: a lead or legal signs off")
            : ApprovalRequirement.None;
    }
}
