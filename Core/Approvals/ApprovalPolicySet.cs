using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Core.Approvals;

/// <summary>
/// Decides who signs a reply off from the incident's severity and risk categories and the linter's findings.
/// Every rule that applies adds its steps; a step that another step already implies (legal implies "lead or
/// legal") is dropped, so one legal signature covers both while "legal" and "comms" stay two people.
/// </summary>
public sealed class ApprovalPolicySet
{
    public ApprovalPolicySet(IReadOnlyList<ApprovalRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
    }

    public IReadOnlyList<ApprovalRule> Rules { get; }

    /// <summary>
    /// The built-in policy (the same as Bot/samples/approvals.yaml): a P1 crisis needs legal and the comms
    /// director; safety, legal or privacy risk and risky wording need legal; a P2 needs a lead or legal; P3 and P4
    /// may be published by the community manager.
    /// </summary>
    public static ApprovalPolicySet Default { get; } = new(
    [
        new("crisis", new HashSet<Severity> { Severity.P1 }, new HashSet<string>(), new HashSet<GuardrailKind>(), [new([Role.Legal]), new([Role.Comms])]),
        new("legal-risk", new HashSet<Severity>(), new HashSet<string>(StringComparer.Ordinal) { "safety", "legal", "privacy" }, new HashSet<GuardrailKind>(), [new([Role.Legal])]),
        new("risky-wording", new HashSet<Severity>(), new HashSet<string>(), new HashSet<GuardrailKind>
            { GuardrailKind.LiabilityAdmission, GuardrailKind.CompensationPromise, GuardrailKind.SafetyClaim, GuardrailKind.LegalVocabulary },
            [new([Role.Legal])]),
        new("p2", new HashSet<Severity> { Severity.P2 }, new HashSet<string>(), new HashSet<GuardrailKind>(), [new([Role.Lead, Role.Legal])]),
    ]);

    public ApprovalRequirement For(Severity severity, IEnumerable<string> riskCategories, IEnumerable<GuardrailKind>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(riskCategories);
        var categories = riskCategories.ToList();
        var kinds = (findings ?? []).Distinct().ToList();
        var applied = Rules.Where(r => r.Applies(severity, categories, kinds)).ToList();
        // A step implied by a stricter one (a subset of its roles) is dropped; the stricter takes its place.
        var steps = new List<ApprovalStep>();
        foreach (var step in applied.SelectMany(r => r.Require))
        {
            if (steps.Any(existing => existing.AnyOf.All(step.AnyOf.Contains)))
            {
                continue;
            }

            var looser = steps.FindIndex(existing => step.AnyOf.All(existing.AnyOf.Contains));
            steps.RemoveAll(existing => step.AnyOf.All(existing.AnyOf.Contains));
            steps.Insert(looser >= 0 ? looser : steps.Count, step);
        }

        return steps.Count == 0
            ? ApprovalRequirement.None
            : new ApprovalRequirement(steps, string.Join(", ", applied.Select(r => r.Name)));
    }
}
