using CmBot.Core.Approvals;
using CmBot.Core.Chat;
using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Tests.People;
using CmBot.Core.Tests.Triage;

namespace CmBot.Core.Tests.Replies;

/// <summary>"Request changes": an approver sends the draft back with a comment; it stays editable and waits for the same path.</summary>
public sealed class DraftRequestChangesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 30, 0, TimeSpan.Zero);
    private static readonly ApprovalRequirement Legal = new([new ApprovalStep([Role.Legal])], "legal");

    private static Draft NewDraft() =>
        Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Bonjour, nous regardons. Camille", "https://social.example/p/1", "fr", Team.Camille, Legal, [], Now);

    [Fact]
    public void RequestChanges_WithComment_StaysEditingAndRecordsComment()
    {
        var draft = NewDraft();

        var request = draft.RequestChanges(Guid.NewGuid(), Team.Ines, "  Remove the date. ", Now);

        Assert.Equal(DraftStatus.Editing, draft.Status);
        Assert.Equal(ApprovalDecision.ChangesRequested, request.Decision);
        Assert.Equal("Remove the date.", request.Comment);
        Assert.Equal("Legal", request.Role);
        Assert.Equal("legal", draft.DescribeMissing());
        Assert.Equal(2, draft.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RequestChanges_WithoutComment_Refused(string? comment)
    {
        var draft = NewDraft();

        var ex = Assert.Throws<DomainRuleException>(() => draft.RequestChanges(Guid.NewGuid(), Team.Ines, comment, Now));

        Assert.Equal("comment", ex.Code);
        Assert.Empty(draft.Approvals);
    }

    [Fact]
    public void RequestChanges_ByAuthorOrNonApprover_Refused()
    {
        var draft = NewDraft();

        Assert.Equal("forbidden", Assert.Throws<DomainRuleException>(() => draft.RequestChanges(Guid.NewGuid(), Team.Camille, "change it", Now)).Code);
        Assert.Empty(draft.Approvals);
    }

    [Fact]
    public void RequestChanges_ThenEdit_ThenApprove_Publishes()
    {
        var draft = NewDraft();
        draft.RequestChanges(Guid.NewGuid(), Team.Ines, "Shorter please", Now);

        draft.Edit(Team.Camille, "Bonjour, nous regardons. Camille.", Now);
        draft.Approve(Guid.NewGuid(), Team.Ines, "ok", Now);

        Assert.Equal(DraftStatus.Approved, draft.Status);
        draft.Publish(Team.Camille, Now);
        Assert.Equal(DraftStatus.Published, draft.Status);
    }

    [Fact]
    public void RequestChanges_AfterApproval_Refused()
    {
        var draft = NewDraft();
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);

        Assert.Equal("state", Assert.Throws<DomainRuleException>(() => draft.RequestChanges(Guid.NewGuid(), Team.Ines, "wait", Now)).Code);
    }

    [Fact]
    public void RequestChanges_DoesNotCountAsSignature()
    {
        var draft = NewDraft();
        draft.RequestChanges(Guid.NewGuid(), Team.Ines, "Fix the typo", Now);

        Assert.Equal("not-approved", Assert.Throws<DomainRuleException>(() => draft.Publish(Team.Camille, Now)).Code);
    }

    [Fact]
    public void Card_ChangesRequested_ShowsWhoAndComment_AndKeepsTextEditable()
    {
        var draft = NewDraft();
        draft.RequestChanges(Guid.NewGuid(), Team.Ines, "Remove the date", Now);
        var triage = TestTriage.Create().Assess(TestTriage.Mention("K2 recall", language: "en"));
        var incident = Incident.Open(draft.IncidentId, 7, "topic:kettle-k2", "K2", triage, 500, Now);

        var card = IncidentCards.Draft(draft, incident, id => id, CardLabels.English);

        Assert.Equal("Changes requested by ines — Needs approval by legal", card.Status);
        Assert.Contains(new CardFact("Comment", "Remove the date"), card.Facts);
        Assert.Contains(card.Inputs, i => i.Id == CardInputs.DraftText && i.Value == draft.Text);
        Assert.Contains(card.Actions, a => a.Verb == ActionVerbs.EditDraft);
        Assert.Contains(card.Actions, a => a.Verb == ActionVerbs.RequestChanges);
    }

    [Fact]
    public void MayUse_RequestChanges_ApproverYesAuthorNo()
    {
        var draft = NewDraft();

        Assert.True(DraftPermissions.MayUse(ActionVerbs.RequestChanges, Team.Ines, draft));
        Assert.False(DraftPermissions.MayUse(ActionVerbs.RequestChanges, Team.Camille, draft));
    }
}
