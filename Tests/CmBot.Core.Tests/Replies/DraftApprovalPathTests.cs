using CmBot.Core.Approvals;
using CmBot.Core.Common;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Guardrails;
using CmBot.Core.Tests.People;

namespace CmBot.Core.Tests.Replies;

/// <summary>Multi-step sign-off: each step by a different person, never the author, bound to the text.</summary>
public sealed class DraftApprovalPathTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 30, 0, TimeSpan.Zero);
    private static readonly ApprovalRequirement Crisis = new([new ApprovalStep([Role.Legal]), new ApprovalStep([Role.Comms])], "crisis");

    private static Draft NewDraft(ApprovalRequirement requirement, IReadOnlyList<GuardrailFinding>? findings = null) =>
        Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Bonjour, nous regardons. Camille", "https://social.example/p/1", "fr", Team.Camille, requirement, findings ?? [], Now);

    [Fact]
    public void Approve_Crisis_NeedsLegalThenComms()
    {
        var draft = NewDraft(Crisis);

        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        Assert.Equal(DraftStatus.Editing, draft.Status);
        Assert.Equal("comms", draft.DescribeMissing());
        var ex = Assert.Throws<DomainRuleException>(() => draft.Publish(Team.Camille, Now));
        Assert.Equal("not-approved", ex.Code);

        draft.Approve(Guid.NewGuid(), Team.Paul, null, Now);

        Assert.Equal(DraftStatus.Approved, draft.Status);
        draft.Publish(Team.Camille, Now);
        Assert.Equal(DraftStatus.Published, draft.Status);
    }

    [Fact]
    public void Approve_SamePersonTwice_RefusedFourEyes_EvenWithBothRoles()
    {
        var both = new Person("sam", "Sam", [Role.Legal, Role.Comms]);
        var draft = NewDraft(Crisis);
        draft.Approve(Guid.NewGuid(), both, null, Now);

        var ex = Assert.Throws<DomainRuleException>(() => draft.Approve(Guid.NewGuid(), both, null, Now));

        Assert.Equal("four-eyes", ex.Code);
        Assert.Equal("comms", draft.DescribeMissing());
    }

    [Fact]
    public void Approve_SecondLawyer_CannotSignTheCommsStep()
    {
        var otherLawyer = new Person("luc", "Luc", [Role.Legal]);
        var draft = NewDraft(Crisis);
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        var ex = Assert.Throws<DomainRuleException>(() => draft.Approve(Guid.NewGuid(), otherLawyer, null, Now));

        Assert.Equal("forbidden", ex.Code);
        Assert.Contains("comms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approve_CommsFirst_ThenLegal_AlsoCompletes()
    {
        var draft = NewDraft(Crisis);

        draft.Approve(Guid.NewGuid(), Team.Paul, null, Now);
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        Assert.Equal(DraftStatus.Approved, draft.Status);
        Assert.Empty(draft.MissingSteps());
    }

    [Fact]
    public void Edit_AfterFirstSignature_RestartsThePath()
    {
        var draft = NewDraft(Crisis);
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        draft.Edit(Team.Camille, "Bonjour, texte revu. Camille", Now.AddMinutes(1));
        draft.Approve(Guid.NewGuid(), Team.Paul, null, Now.AddMinutes(2));

        Assert.Equal(DraftStatus.Editing, draft.Status);
        Assert.Equal("legal", draft.DescribeMissing());
    }

    [Fact]
    public void Edit_WithNewAssessment_ChangesPathAndFindings()
    {
        var draft = NewDraft(ApprovalRequirement.None);
        Assert.Equal(DraftStatus.Approved, draft.Status);
        var refund = new GuardrailFinding(GuardrailKind.CompensationPromise, GuardrailLevel.Review, "rembourser", 10, 10);

        draft.Edit(Team.Camille, "Nous allons vous rembourser. Camille", new ApprovalRequirement([Role.Legal], "risky-wording"), [refund], Now);

        Assert.Equal(DraftStatus.Editing, draft.Status);
        Assert.Equal("legal", draft.DescribeRequired());
        Assert.Equal("risky-wording", draft.RequiredWhy);
        var stored = Assert.Single(draft.FindingList);
        Assert.Equal((GuardrailKind.CompensationPromise, "rembourser"), (stored.Kind, stored.Evidence));
    }

    [Fact]
    public void Publish_BlockingFinding_RefusedEvenWhenApproved()
    {
        var phone = new GuardrailFinding(GuardrailKind.PersonalData, GuardrailLevel.Block, "06 12 34 56 78", 3, 14);
        var draft = NewDraft(ApprovalRequirement.None, [phone]);

        var ex = Assert.Throws<DomainRuleException>(() => draft.Publish(Team.Camille, Now));

        Assert.Equal("blocked", ex.Code);
        Assert.Contains("06 12 34 56 78", ex.Message, StringComparison.Ordinal);
        Assert.True(draft.IsBlocked);
    }

    [Fact]
    public void Reject_ByCommsAfterLegalApproved_RejectsTheDraft()
    {
        var draft = NewDraft(Crisis);
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        draft.Reject(Guid.NewGuid(), Team.Paul, "trop défensif", Now);

        Assert.Equal(DraftStatus.Rejected, draft.Status);
    }

    [Fact]
    public void Steps_LegacySingleStepEncoding_StillReadsAsAnyOf()
    {
        var draft = NewDraft(new ApprovalRequirement([Role.Lead, Role.Legal], "p2"));

        Assert.Equal("Lead,Legal", draft.RequiredRoles);
        Assert.Equal("lead or legal", draft.DescribeRequired());
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);
        Assert.Equal(DraftStatus.Approved, draft.Status);
    }
}
