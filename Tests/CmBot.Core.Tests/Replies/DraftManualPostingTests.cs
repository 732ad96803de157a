using CmBot.Core.Approvals;
using CmBot.Core.Chat;
using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Tests.People;
using CmBot.Core.Tests.Triage;

namespace CmBot.Core.Tests.Replies;

/// <summary>The manual connector: copy the approved text, post it by hand, then mark it as posted with its link.</summary>
public sealed class DraftManualPostingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 30, 0, TimeSpan.Zero);
    private static readonly ApprovalRequirement Legal = new([new ApprovalStep([Role.Legal])], "legal");

    private static Draft ApprovedDraft()
    {
        var draft = Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Hello, we are looking into it. Camille", "forum:thread/42", "en", Team.Camille, Legal, [], Now);
        draft.Approve(Guid.NewGuid(), Team.Ines, null, Now);
        return draft;
    }

    private static Incident IncidentOf(Draft draft)
    {
        var triage = TestTriage.Create().Assess(TestTriage.Mention("K2 recall", language: "en"));
        return Incident.Open(draft.IncidentId, 7, "topic:kettle-k2", "K2", triage, 500, Now);
    }

    [Theory]
    [InlineData("https://forum.example/t/42#reply-7")]
    [InlineData("  http://forum.example/t/42  ")]
    public void PostedLinks_HttpOrHttps_Accepted(string text) => Assert.True(PostedLinks.TryParse(text, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forum.example/t/42")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://forum.example/t/42")]
    [InlineData("https://forum.example/t/42 and more")]
    [InlineData("/t/42")]
    public void PostedLinks_NotAnHttpUrl_Refused(string? text) => Assert.False(PostedLinks.TryParse(text, out _));

    [Fact]
    public void MarkPosted_Approved_PublishedByHandWithLink()
    {
        var draft = ApprovedDraft();

        draft.MarkPosted(Team.Camille, " https://forum.example/t/42#reply-7 ", Now);

        Assert.Equal(DraftStatus.Published, draft.Status);
        Assert.Equal(PublishMode.Approved, draft.PublishMode);
        Assert.Equal(Draft.ManualChannel, draft.PublishedVia);
        Assert.Equal("https://forum.example/t/42#reply-7", draft.PublishedUrl);
        Assert.Equal("camille", draft.PublishedBy);
    }

    [Fact]
    public void MarkPosted_BadLink_RefusedAndNothingChanges()
    {
        var draft = ApprovedDraft();

        Assert.Equal("link", Assert.Throws<DomainRuleException>(() => draft.MarkPosted(Team.Camille, "not a link", Now)).Code);
        Assert.Equal(DraftStatus.Approved, draft.Status);
        Assert.Null(draft.PublishedUrl);
    }

    [Fact]
    public void MarkPosted_NotApproved_Refused()
    {
        var draft = Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Hello. Camille", "forum:thread/42", "en", Team.Camille, Legal, [], Now);

        Assert.Equal("not-approved", Assert.Throws<DomainRuleException>(() => draft.MarkPosted(Team.Camille, "https://forum.example/t/1", Now)).Code);
    }

    [Fact]
    public void MarkPosted_AfterEdit_NeedsApprovalAgain()
    {
        var draft = ApprovedDraft();
        draft.Edit(Team.Camille, "Hello, we are on it. Camille", Now);

        Assert.Equal("not-approved", Assert.Throws<DomainRuleException>(() => draft.MarkPosted(Team.Camille, "https://forum.example/t/1", Now)).Code);
    }

    [Fact]
    public void MarkPosted_Twice_Refused()
    {
        var draft = ApprovedDraft();
        draft.MarkPosted(Team.Camille, "https://forum.example/t/1", Now);

        Assert.Equal("state", Assert.Throws<DomainRuleException>(() => draft.MarkPosted(Team.Camille, "https://forum.example/t/2", Now)).Code);
    }

    [Fact]
    public void Card_NoConnector_ShowsTextToCopyAndMarkPostedInsteadOfPublish()
    {
        var draft = ApprovedDraft();

        var card = IncidentCards.Draft(draft, IncidentOf(draft), id => id, CardLabels.English, autoPublish: false);

        Assert.DoesNotContain(card.Actions, a => a.Verb == ActionVerbs.Publish);
        var mark = Assert.Single(card.Actions, a => a.Verb == ActionVerbs.MarkPosted);
        Assert.Equal(ActionStyle.Primary, mark.Style);
        Assert.Contains(new CardText(draft.Text), card.Texts);
        Assert.Contains(card.Inputs, i => i.Id == CardInputs.PostedLink);
        Assert.Contains(card.Facts, f => f.Value == ReplyCardLabels.English.PostManually);
    }

    [Fact]
    public void Card_NotYetApproved_NoMarkPosted()
    {
        var draft = Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Hello. Camille", "forum:thread/42", "en", Team.Camille, Legal, [], Now);

        var card = IncidentCards.Draft(draft, IncidentOf(draft), id => id, CardLabels.English, autoPublish: false);

        Assert.DoesNotContain(card.Actions, a => a.Verb is ActionVerbs.MarkPosted or ActionVerbs.Publish);
        Assert.DoesNotContain(card.Inputs, i => i.Id == CardInputs.PostedLink);
    }

    [Fact]
    public void Card_PostedByHand_SaysSoAndLinksThePost()
    {
        var draft = ApprovedDraft();
        draft.MarkPosted(Team.Camille, "https://forum.example/t/42", Now);

        var card = IncidentCards.Draft(draft, IncidentOf(draft), id => id, CardLabels.French, autoPublish: false);

        Assert.Equal("Publié à la main par camille", card.Status);
        Assert.Equal([new CardLink("Lien vers la réponse publiée", "https://forum.example/t/42")], card.Links);
        Assert.Empty(card.Actions);
    }
}
