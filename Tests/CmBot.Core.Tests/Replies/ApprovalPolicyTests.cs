using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Core.Tests.Replies;

/// <summary>The built-in policy as a matrix: severity x risk x findings -> the steps a reply must pass.</summary>
public sealed class ApprovalPolicyTests
{
    private static string Path(Severity severity, string risks, string findings)
    {
        var requirement = ApprovalPolicySet.Default.For(
            severity,
            risks.Split(',', StringSplitOptions.RemoveEmptyEntries),
            findings.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<GuardrailKind>));
        return requirement.Describe();
    }

    [Theory]
    [InlineData(Severity.P1, "", "", "legal and comms")]
    [InlineData(Severity.P1, "safety", "", "legal and comms")]
    [InlineData(Severity.P1, "media", "CompensationPromise", "legal and comms")]
    [InlineData(Severity.P2, "", "", "lead or legal")]
    [InlineData(Severity.P2, "safety", "", "legal")]
    [InlineData(Severity.P2, "media", "", "lead or legal")]
    [InlineData(Severity.P2, "media", "LiabilityAdmission", "legal")]
    [InlineData(Severity.P3, "", "", "nobody")]
    [InlineData(Severity.P3, "media", "", "nobody")]
    [InlineData(Severity.P3, "legal", "", "legal")]
    [InlineData(Severity.P3, "", "CompensationPromise", "legal")]
    [InlineData(Severity.P3, "", "SafetyClaim,LegalVocabulary", "legal")]
    [InlineData(Severity.P3, "", "Tone", "nobody")]
    [InlineData(Severity.P4, "privacy", "", "legal")]
    [InlineData(Severity.P4, "", "", "nobody")]
    public void For_DefaultMatrix(Severity severity, string risks, string findings, string expected) =>
        Assert.Equal(expected, Path(severity, risks, findings));

    [Fact]
    public void For_CrisisIsTwoSteps_FourEyes()
    {
        var requirement = ApprovalPolicySet.Default.For(Severity.P1, []);

        Assert.Equal(2, requirement.Steps.Count);
        Assert.Equal("crisis", requirement.Why);
    }

    [Fact]
    public void For_WhyNamesEveryRuleThatApplied() =>
        Assert.Equal("legal-risk, p2", ApprovalPolicySet.Default.For(Severity.P2, ["legal"]).Why);

    [Fact]
    public void For_RuleWithSeveralConditions_NeedsAllOfThem()
    {
        var policy = new ApprovalPolicySet(
        [
            new ApprovalRule("ceo-on-crisis-privacy", new HashSet<Severity> { Severity.P1 }, new HashSet<string> { "privacy" }, new HashSet<GuardrailKind>(), [new ApprovalStep([Role.Ceo])]),
        ]);

        Assert.False(policy.For(Severity.P1, ["safety"]).IsRequired);
        Assert.False(policy.For(Severity.P2, ["privacy"]).IsRequired);
        Assert.Equal("ceo", policy.For(Severity.P1, ["privacy", "media"]).Describe());
    }

    [Fact]
    public void For_StricterStepImpliesLooserOne_ButDistinctRolesStayTwoSteps()
    {
        var policy = new ApprovalPolicySet(
        [
            new ApprovalRule("a", new HashSet<Severity>(), new HashSet<string>(), new HashSet<GuardrailKind>(), [new ApprovalStep([Role.Lead, Role.Legal]), new ApprovalStep([Role.Comms])]),
            new ApprovalRule("b", new HashSet<Severity>(), new HashSet<string>(), new HashSet<GuardrailKind>(), [new ApprovalStep([Role.Legal]), new ApprovalStep([Role.Comms])]),
        ]);

        Assert.Equal("legal and comms", policy.For(Severity.P3, []).Describe());
    }
}
