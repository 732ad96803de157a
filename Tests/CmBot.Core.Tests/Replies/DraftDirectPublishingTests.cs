using CmBot.Core.Approvals;
using CmBot.Core.Chat;
using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Guardrails;
using CmBot.Core.Tests.People;

namespace CmBot.Core.Tests.Replies;

/// <summary>CEO direct and break-glass: published without approvals, marked, and reviewed afterwards.</summary>
public sealed class DraftDirectPublishingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 30, 0, TimeSpan.Zero);
    private static readonly ApprovalRequirement Crisis = new([new ApprovalStep([Role.Legal]), new ApprovalStep([Role.Comms])], "crisis");

    private static Draft NewDraft(IReadOnlyList<GuardrailFinding>? findings = null) =>
        Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Bonjour, nous regardons. Camille", "https://social.example/p/1", "fr", Team.Camille, Crisis, findings ?? [], Now);

    [Fact]
    public void PublishDirect_Ceo_PublishesWithoutApprovalAndAwaitsReview()
    {
        var draft = NewDraft();

        draft.PublishDirect(Team.Claire, Now);

        Assert.Equal(DraftStatus.Published, draft.Status);
        Assert.Equal(PublishMode.CeoDirect, draft.PublishMode);
        Assert.Equal("claire", draft.PublishedBy);
        Assert.Empty(draft.Approvals);
        Assert.True(draft.AwaitsReview);
    }

    [Theory]
    [InlineData("camille")]
    [InlineData("hugo")]
    [InlineData("ines")]
    public void PublishDirect_NotTheCeo_Refused(string who)
    {
        var person = new[] { Team.Camille, Team.Hugo, Team.Ines }.Single(p => p.Id == who);
        var draft = NewDraft();

        var ex = Assert.Throws<DomainRuleException>(() => draft.PublishDirect(person, Now));

        Assert.Equal("forbidden", ex.Code);
        Assert.Equal(DraftStatus.Editing, draft.Status);
    }

    [Fact]
    public void PublishDirect_BlockingFinding_StillRefused()
    {
        var draft = NewDraft([new GuardrailFinding(GuardrailKind.PersonalData, GuardrailLevel.Block, "a@b.fr", 0, 6)]);

        Assert.Equal("blocked", Assert.Throws<DomainRuleException>(() => draft.PublishDirect(Team.Claire, Now)).Code);
    }

    [Fact]
    public void BreakGlass_LeadWithJustification_PublishedAndRecorded()
    {
        var draft = NewDraft();

        draft.BreakGlass(Team.Hugo, "Le rappel produit est public, il faut répondre avant 18h.", Now);

        Assert.Equal(PublishMode.BreakGlass, draft.PublishMode);
        Assert.Equal("Le rappel produit est public, il faut répondre avant 18h.", draft.Justification);
        Assert.True(draft.AwaitsReview);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("urgent")]
    public void BreakGlass_WithoutRealJustification_Refused(string? justification)
    {
        var draft = NewDraft();

        Assert.Equal("justification", Assert.Throws<DomainRuleException>(() => draft.BreakGlass(Team.Hugo, justification, Now)).Code);
        Assert.Equal(DraftStatus.Editing, draft.Status);
    }

    [Fact]
    public void BreakGlass_CommunityManager_Refused() =>
        Assert.Equal("forbidden", Assert.Throws<DomainRuleException>(() => NewDraft().BreakGlass(Team.Camille, "Il faut répondre tout de suite, vraiment.", Now)).Code);

    [Fact]
    public void MarkReviewed_ByLegal_ClearsTheReview()
    {
        var draft = NewDraft();
        draft.PublishDirect(Team.Claire, Now);

        draft.MarkReviewed(Team.Ines, Now.AddHours(1));

        Assert.False(draft.AwaitsReview);
        Assert.Equal("ines", draft.ReviewedBy);
        Assert.Equal("state", Assert.Throws<DomainRuleException>(() => draft.MarkReviewed(Team.Paul, Now)).Code);
    }

    [Fact]
    public void MarkReviewed_ByThePublisherOrAnOutsider_Refused()
    {
        var draft = NewDraft();
        draft.BreakGlass(Team.Paul, "Le ministère a cité la marque, réponse immédiate.", Now);

        Assert.Equal("four-eyes", Assert.Throws<DomainRuleException>(() => draft.MarkReviewed(Team.Paul, Now)).Code);
        Assert.Equal("forbidden", Assert.Throws<DomainRuleException>(() => draft.MarkReviewed(Team.Hugo, Now)).Code);
    }

    [Fact]
    public void MarkReviewed_NormalApprovedReply_NothingToReview()
    {
        var draft = NewDraft();
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);
        draft.Approve(Guid.NewGuid(), Team.Paul, null, Now);
        draft.Publish(Team.Camille, Now);

        Assert.False(draft.AwaitsReview);
        Assert.Equal("state", Assert.Throws<DomainRuleException>(() => draft.MarkReviewed(Team.Ines, Now)).Code);
    }

    [Fact]
    public void Card_CeoDirect_SaysSoAndOffersTheReview()
    {
        var incident = Incident.Open(Guid.NewGuid(), 4, "k2", "Lumio K2 kettle",
            new CmBot.Core.Triage.TriageResult("fr", -3, [], "k2", Severity.P1, "P1: test"), 100, Now);
        var draft = NewDraft();
        var before = IncidentCards.Draft(draft, incident, id => id, CardLabels.English);
        Assert.Contains(before.Actions, a => a.Verb == ActionVerbs.PublishDirect);
        Assert.Contains(before.Actions, a => a.Verb == ActionVerbs.BreakGlass);

        draft.PublishDirect(Team.Claire, Now);
        var after = IncidentCards.Draft(draft, incident, id => id, CardLabels.English);

        Assert.Equal("Published directly by the CEO, claire — to review by legal or comms", after.Status);
        Assert.Equal([ActionVerbs.MarkReviewed], after.Actions.Select(a => a.Verb));
    }
}
