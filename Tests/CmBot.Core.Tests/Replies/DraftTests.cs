using CmBot.Core.Approvals;
using CmBot.Core.Common;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Tests.People;

namespace CmBot.Core.Tests.Replies;

public sealed class DraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 30, 0, TimeSpan.Zero);
    private static readonly ApprovalRequirement Legal = new([Role.Legal], "legal risk");

    private static Draft NewDraft(ApprovalRequirement? requirement = null) =>
        Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Bonjour, nous regardons. Camille, Lumio", "https://social.example/p/1", "fr", Team.Camille, requirement ?? Legal, Now);

    [Fact]
    public void Create_HashBindsTextAndTarget()
    {
        var draft = NewDraft();

        Assert.Equal(TextHash.Of(draft.Text, "https://social.example/p/1"), draft.TextSha256);
        Assert.NotEqual(TextHash.Of(draft.Text, "https://social.example/p/2"), draft.TextSha256);
        Assert.Equal(DraftStatus.Editing, draft.Status);
    }

    [Fact]
    public void Create_NoApprovalNeeded_StartsApproved() =>
        Assert.Equal(DraftStatus.Approved, NewDraft(ApprovalRequirement.None).Status);

    [Fact]
    public void Create_PersonWithoutWritingRole_Refused() =>
        Assert.Throws<DomainRuleException>(() =>
            Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "x", "t", "fr", Team.Ines, Legal, Now));

    [Fact]
    public void Approve_CommunityManager_RefusedWithReason()
    {
        var draft = NewDraft();

        var ex = Assert.Throws<DomainRuleException>(() => draft.Approve(Guid.NewGuid(), Team.Camille, null, Now));

        Assert.Equal("forbidden", ex.Code);
        Assert.Equal("Camille Martin (community manager) cannot sign this reply off: it needs legal.", ex.Message);
        Assert.Empty(draft.Approvals);
    }

    [Fact]
    public void Approve_Lawyer_RecordsHashAndRole()
    {
        var draft = NewDraft();

        var approval = draft.Approve(Guid.NewGuid(), Team.Ines, "ok pour moi", Now);

        Assert.Equal(DraftStatus.Approved, draft.Status);
        Assert.Equal(draft.TextSha256, approval.TextSha256);
        Assert.Equal("Legal", approval.Role);
        Assert.Equal("ines", approval.ApproverId);
    }

    [Fact]
    public void Approve_Author_RefusedFourEyes()
    {
        var author = new Person("lea", "Léa", [Role.CommunityManager, Role.Legal]);
        var draft = Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "x", "t", "fr", author, Legal, Now);

        var ex = Assert.Throws<DomainRuleException>(() => draft.Approve(Guid.NewGuid(), author, null, Now));

        Assert.Equal("four-eyes", ex.Code);
    }

    [Fact]
    public void Edit_AfterApproval_VoidsApprovalAndNeedsItAgain()
    {
        var draft = NewDraft();
        var approval = draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        draft.Edit(Team.Camille, "Bonjour, texte modifié. Camille, Lumio", Now.AddMinutes(1));

        Assert.False(approval.Valid);
        Assert.Equal(DraftStatus.Editing, draft.Status);
        Assert.Equal(2, draft.Revision);
        var ex = Assert.Throws<DomainRuleException>(() => draft.Publish(Team.Camille, Now.AddMinutes(2)));
        Assert.Equal("not-approved", ex.Code);
    }

    [Fact]
    public void Edit_SameText_NoNewRevision()
    {
        var draft = NewDraft();

        draft.Edit(Team.Camille, draft.Text, Now);

        Assert.Equal(1, draft.Revision);
    }

    [Fact]
    public void Edit_EmptyText_Refused() =>
        Assert.Equal("empty", Assert.Throws<DomainRuleException>(() => NewDraft().Edit(Team.Camille, "  ", Now)).Code);

    [Fact]
    public void Publish_Approved_MarksPublished()
    {
        var draft = NewDraft();
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        draft.Publish(Team.Camille, Now.AddMinutes(1));

        Assert.Equal(DraftStatus.Published, draft.Status);
        Assert.Equal("camille", draft.PublishedBy);
        Assert.Throws<DomainRuleException>(() => draft.Edit(Team.Camille, "late change", Now));
    }

    [Fact]
    public void Publish_Rejected_Refused()
    {
        var draft = NewDraft();
        draft.Reject(Guid.NewGuid(), Team.Ines, "trop engageant", Now);

        Assert.Equal(DraftStatus.Rejected, draft.Status);
        Assert.Throws<DomainRuleException>(() => draft.Publish(Team.Camille, Now));
    }

    [Fact]
    public void Publish_Lawyer_RefusedNoWritingRole()
    {
        var draft = NewDraft();
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        Assert.Equal("forbidden", Assert.Throws<DomainRuleException>(() => draft.Publish(Team.Ines, Now)).Code);
    }

    [Fact]
    public void Version_EveryVisibleChange_Increases()
    {
        var draft = NewDraft();
        var versions = new List<int> { draft.Version };

        draft.Edit(Team.Camille, "Autre texte", Now);
        versions.Add(draft.Version);
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);
        versions.Add(draft.Version);
        draft.Publish(Team.Camille, Now);
        versions.Add(draft.Version);

        Assert.Equal(versions.Order().Distinct(), versions);
    }
}
